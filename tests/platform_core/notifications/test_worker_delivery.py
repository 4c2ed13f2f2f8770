"""The outbox with a real Celery worker over Redis, reading and writing PostgreSQL: every notification is
emailed exactly once, through a broker outage and a worker killed mid-send.

The worker is another process: it knows only the event types the apps register, so these tests use a real
one (a security notice, emailed immediately).
"""

import re
import time
from datetime import timedelta

import pytest
from django.db import transaction
from django.utils import timezone

from platform_core.notifications.delivery import deliveries_requeue_stale
from platform_core.notifications.models import EmailDelivery
from platform_core.notifications.outbox import deliveries_queue
from platform_core.notifications.services import notify
from platform_core.queue import enqueue_many_on_commit
from tests.factories import UserFactory
from tests.worker import broker_unreachable

pytestmark = pytest.mark.services


def wait_for(predicate, timeout=60.0, interval=0.2):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(interval)
    return False


def sent_messages(mail_dir):
    """Every message the worker wrote, as (Message-ID, To) pairs, whatever the files they share."""
    text = "".join(path.read_text() for path in mail_dir.glob("*.log"))
    return list(
        zip(re.findall(r"^Message-ID: (.+)$", text, re.M), re.findall(r"^To: (.+)$", text, re.M), strict=True)
    )


def all_sent():
    return not EmailDelivery.objects.exclude(status=EmailDelivery.Status.SENT).exists()


def test_two_hundred_recipients_are_each_emailed_exactly_once(celery_worker_factory, tmp_path):
    mail_dir = tmp_path / "mail"
    worker = celery_worker_factory(mail_dir=mail_dir)
    recipients = UserFactory.create_batch(200)

    with transaction.atomic():
        notify(recipients=recipients, event="account.password_changed", target_title="Walking bus")

    assert wait_for(lambda: EmailDelivery.objects.filter(status="sent").count() == 200, timeout=120), (
        worker.log()[-3000:]
    )
    messages = sent_messages(mail_dir)
    assert len(messages) == 200
    assert sorted(to for _id, to in messages) == sorted(r.email for r in recipients)
    assert len({message_id for message_id, _to in messages}) == 200


def test_a_broker_outage_at_commit_delays_mail_but_loses_and_doubles_none(celery_worker_factory, tmp_path):
    mail_dir = tmp_path / "mail"
    worker = celery_worker_factory(mail_dir=mail_dir)
    recipients = UserFactory.create_batch(30)

    with broker_unreachable():
        with transaction.atomic():
            notify(recipients=recipients, event="account.password_changed", target_title="During the outage")
        # The change committed; the emails wait in the outbox.
        assert EmailDelivery.objects.filter(status="pending").count() == 30

    time.sleep(1)
    assert sent_messages(mail_dir) == []
    # The broker is back: the sweeper (beat, every minute) finds them a few minutes on.
    requeued = deliveries_requeue_stale(now=timezone.now() + timedelta(minutes=5))
    assert len(requeued) == 30
    assert wait_for(all_sent), worker.log()[-3000:]
    # A later sweep finds nothing, and a message queued twice is still sent once.
    assert deliveries_requeue_stale(now=timezone.now() + timedelta(minutes=10)) == []
    with transaction.atomic():
        deliveries_queue(delivery_ids=list(EmailDelivery.objects.values_list("pk", flat=True)))
    time.sleep(2)
    messages = sent_messages(mail_dir)
    assert sorted(to for _id, to in messages) == sorted(r.email for r in recipients)


def test_a_worker_killed_while_sending_does_not_send_twice(celery_worker_factory, tmp_path):
    mail_dir = tmp_path / "mail"
    slow = celery_worker_factory(
        mail_dir=mail_dir,
        extra_env={"TEST_EMAIL_BACKEND": "tests.mail_backends.SlowFileBackend", "SLOW_MAIL_SECONDS": "60"},
    )
    person = UserFactory()
    with transaction.atomic():
        notify(recipients=[person], event="account.password_changed", target_title="Killed mid-send")
    delivery = EmailDelivery.objects.get()
    assert wait_for(lambda: EmailDelivery.objects.filter(pk=delivery.pk, status="sending").exists()), (
        slow.log()
    )

    # Still being sent, however long ago it was claimed: the sender holds its row.
    assert deliveries_requeue_stale(now=timezone.now() + timedelta(minutes=30)) == []

    slow.kill()
    assert sent_messages(mail_dir) == []

    # Its sender gone, the sweep a minute later sends it again (the database let go of the sender's lock
    # with its connection).
    fresh = celery_worker_factory(mail_dir=mail_dir)
    requeued = []
    assert wait_for(
        lambda: (
            requeued.extend(deliveries_requeue_stale(now=timezone.now() + timedelta(minutes=1))) or requeued
        ),
        timeout=10,
    )
    assert requeued == [delivery.pk]
    assert wait_for(all_sent), fresh.log()[-3000:]
    # The same task delivered again (a broker redelivery, a retry) finds nothing left to send.
    from platform_core.notifications.tasks import deliver_email

    with transaction.atomic():
        enqueue_many_on_commit(deliver_email, [(delivery.pk,), (delivery.pk,)])
    time.sleep(2)
    assert [to for _id, to in sent_messages(mail_dir)] == [person.email]
    delivery.refresh_from_db()
    assert delivery.attempts == 2  # the interrupted attempt and the one that sent
