"""Email backends for tests that need a mail server to misbehave. The file backend stays the real one."""

import os
import smtplib
import time

from django.core.mail.backends.base import BaseEmailBackend
from django.core.mail.backends.filebased import EmailBackend as FileBackend


class BrokenBackend(BaseEmailBackend):
    """A mail server that refuses every message."""

    def send_messages(self, email_messages):
        raise smtplib.SMTPDataError(554, b"SMTP server refused the message")


class SlowFileBackend(FileBackend):
    """Writes the file only after SLOW_MAIL_SECONDS, so a test can kill the worker mid-send."""

    def send_messages(self, email_messages):
        time.sleep(float(os.environ.get("SLOW_MAIL_SECONDS", "0")))
        return super().send_messages(email_messages)
