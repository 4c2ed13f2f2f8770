import os
import uuid

import pytest

from tests.factories import UserFactory

REQUIRE_SERVICES = os.environ.get("REQUIRE_SERVICES") == "1"


def require_or_skip(reason: str):
    """Skip a test whose service is absent — or fail it when CI says every service must be there."""
    if REQUIRE_SERVICES:
        pytest.fail(f"REQUIRE_SERVICES=1 but {reason}", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(autouse=True)
def _isolated_cache(settings):
    """Every test gets its own cache and rate-limit namespace without flushing a shared Redis
    database, which would also drop the broker's queue bindings under a running worker."""
    from platform_core.ratelimits import rate_limits_reset

    namespace = f"test-{uuid.uuid4().hex[:12]}"
    caches = {name: dict(config) for name, config in settings.CACHES.items()}
    for config in caches.values():
        config["KEY_PREFIX"] = namespace
    settings.CACHES = caches
    settings.RATE_LIMIT_KEY_PREFIX = namespace
    rate_limits_reset()


@pytest.fixture(autouse=True)
def _english_to_start():
    """Every test starts in the default language: a request in Danish leaves Danish active in the thread
    (LocaleMiddleware activates a language and nothing deactivates it), which later tests would read."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def user(db):
    return UserFactory(email="anna@example.org", handle="anna", display_name="Anna Berg")


@pytest.fixture
def terms_in_effect(db):
    """The terms of use and the privacy notice, version 1, as the migration makes them: a test with a
    transactional database (flushed after each test) cannot count on the migration's rows."""
    import importlib

    from django.apps import apps

    importlib.import_module("platform_core.legal.migrations.0002_first_versions").first_versions(apps, None)


@pytest.fixture
def celery_worker_factory(transactional_db, settings, tmp_path):
    """Start real Celery workers over Redis on a queue of their own, reading and writing the test database.

    The test runs with a transactional database (rows are really committed) so the workers see them.
    ``start(mail_dir=..., extra_env=...)`` starts one more worker; all are stopped at the end.
    """
    from django.db import connection

    from tests.worker import SESSION_QUEUE, WorkerProcess, redis_available, use_queue

    if connection.vendor != "postgresql":
        require_or_skip("the Celery worker tests need PostgreSQL (set DATABASE_URL)")
    if not redis_available(settings.REDIS_URL):
        require_or_skip("the Celery worker tests need Redis (set REDIS_URL)")

    queue = SESSION_QUEUE
    previous = use_queue(queue)
    workers = []

    def start(*, mail_dir=None, extra_env=None):
        env = dict(extra_env or {})
        if mail_dir is not None:
            env.update({"EMAIL_URL": "filemail://", "EMAIL_FILE_PATH": str(mail_dir)})
        worker = WorkerProcess(queue=queue, log_path=tmp_path / f"worker-{len(workers)}.log", extra_env=env)
        workers.append(worker)
        return worker.start()

    try:
        yield start
    finally:
        for worker in workers:
            worker.stop()
        use_queue(previous)


@pytest.fixture
def celery_worker_process(celery_worker_factory):
    return celery_worker_factory()
