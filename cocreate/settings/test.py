"""Tests: the same stack as local, quick password hashing, no eager Celery (a real worker runs the
integration tests; unit tests run on_commit callbacks with django_capture_on_commit_callbacks)."""

import os

os.environ.setdefault("SECRET_KEY", "test-only-not-secret")
os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")

from .base import *  # noqa: F403

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# pytest-django swaps MAILERS for the in-memory backend in the test process; a worker process started by
# the integration tests writes files to the EMAIL_FILE_PATH the test gives it.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
ACCOUNT_RATE_LIMITS = False

# Integration tests start worker processes that write email files; a test may swap in a misbehaving
# backend (tests/mail_backends.py) for those workers.
if os.environ.get("TEST_EMAIL_BACKEND"):
    MAILERS["default"]["BACKEND"] = os.environ["TEST_EMAIL_BACKEND"]  # noqa: F405
