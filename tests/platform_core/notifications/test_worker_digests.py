"""The hourly digest job with a real Celery worker over Redis: the runs due are built a batch per task,
and everyone due gets exactly one digest email."""

import pytest
from django.db import transaction
from django.utils import timezone

from platform_core.notifications import digests, tasks
from platform_core.notifications.models import DigestRun, EmailDelivery
from platform_core.notifications.services import notification_settings_update, notify
from tests.factories import UserFactory

from .test_worker_delivery import sent_messages, wait_for

pytestmark = pytest.mark.services


def test_everyone_due_gets_one_digest_built_a_batch_at_a_time(
    celery_worker_factory, tmp_path, monkeypatch, time_machine
):
    mail_dir = tmp_path / "mail"
    worker = celery_worker_factory(mail_dir=mail_dir)
    # This process's clock at half past ten, so the hour cannot turn while the test sets up.
    here = timezone.localtime()
    time_machine.move_to(here.replace(hour=10, minute=30, second=0, microsecond=0), tick=True)
    hour = 10
    people = UserFactory.create_batch(25, time_zone=str(timezone.get_current_timezone()))
    for person in people:
        notification_settings_update(
            user=person, email_by_category={}, digest_frequency="daily", digest_hour=hour, digest_weekday=0
        )
    with transaction.atomic():
        # Announcements go to the digest by default.
        notify(recipients=people, event="sessions.announced", target_title="Workshop at the library")
    monkeypatch.setattr(digests, "BATCH_SIZE", 10)  # three build tasks for 25 people

    assert tasks.queue_due_digests() == 25

    assert wait_for(lambda: EmailDelivery.objects.filter(status="sent").count() == 25, timeout=120), (
        worker.log()[-3000:]
    )
    assert sorted(to for _id, to in sent_messages(mail_dir)) == sorted(person.email for person in people)
    assert set(DigestRun.objects.values_list("status", flat=True)) == {"built"}
