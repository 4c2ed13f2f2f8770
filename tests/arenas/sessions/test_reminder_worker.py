"""The hour's reminder end to end with a real Celery worker over Redis: the beat's task finds the seat,
the outbox emails it, and the email lands as a file with the session's .ics attached."""

import email
import email.policy
from datetime import timedelta

import icalendar
import pytest
from django.utils import timezone

from arenas.sessions.services.registrations import registration_create
from platform_core.queue import enqueue_on_commit
from tests.embedded import wait_for

from .conftest import make_session, member

pytestmark = pytest.mark.services


def messages_in(mail_dir) -> list[email.message.EmailMessage]:
    if not mail_dir.exists():
        return []
    found = []
    for path in mail_dir.glob("*.log"):
        for chunk in path.read_bytes().split(b"-" * 79):
            if chunk.strip():
                found.append(email.message_from_bytes(chunk.strip() + b"\n", policy=email.policy.default))
    return found


def test_the_worker_emails_the_hours_reminder_with_the_ics(
    celery_worker_factory, arena, facilitator, tmp_path
):
    mail_dir = tmp_path / "mail"
    worker = celery_worker_factory(mail_dir=mail_dir)
    person = member(arena, email="dorte@example.org", language="da", time_zone="Europe/Copenhagen")
    session = make_session(arena, facilitator, hours_ahead=59 / 60, title="Gåtur ved overgangene 🚸")
    registration_create(session=session, user=person)

    enqueue_on_commit("sessions.send_reminders")  # what beat does every five minutes

    def reminder():
        return next((m for m in messages_in(mail_dir) if m["To"] == person.email), None)

    try:
        message = wait_for(reminder, timeout=90, what="the reminder email")
    except AssertionError:
        raise AssertionError(worker.log()[-3000:]) from None
    assert "Gåtur ved overgangene 🚸" in message["Subject"]
    body = message.get_body(preferencelist=("plain",)).get_content()
    local = timezone.localtime(session.starts_at, timezone.get_default_timezone())
    assert f"{local:%H:%M}–" in body and "(Europe/Copenhagen)" in body
    [attachment] = [part for part in message.iter_attachments() if part.get_content_type() == "text/calendar"]
    assert attachment.get_filename().endswith(".ics")
    [event] = icalendar.Calendar.from_ical(attachment.get_content()).events
    assert str(event["UID"]).startswith(f"session-{session.pk}@")
    assert event.start == session.starts_at.replace(microsecond=0)
    assert timedelta(0) < session.starts_at - timezone.now() < timedelta(hours=1)
