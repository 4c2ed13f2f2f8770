"""Deliveries are queued a batch per send task: telling many people costs the actor a message per hundred
of them, not one each; a batch sends each delivery once, and one that must wait is retried on its own."""

import pytest
from django.db import transaction

from platform_core.notifications import outbox
from platform_core.notifications.models import EmailDelivery
from platform_core.notifications.services import notify
from platform_core.notifications.tasks import deliver_email, deliver_emails
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_telling_250_people_queues_three_send_tasks(monkeypatch, django_capture_on_commit_callbacks):
    queued = []
    monkeypatch.setattr(deliver_emails, "apply_async", lambda args, **options: queued.append(args))
    monkeypatch.setattr(deliver_email, "apply_async", lambda args, **options: queued.append(args))
    people = UserFactory.create_batch(250)

    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        notify(recipients=people, event="account.password_changed", target_title="Many")

    assert [len(args[0]) for args in queued] == [100, 100, 50]
    assert sorted(pk for args in queued for pk in args[0]) == sorted(
        EmailDelivery.objects.values_list("pk", flat=True)
    )


def test_a_batch_sends_each_delivery_once_even_when_run_twice(mailoutbox):
    people = UserFactory.create_batch(3)
    notify(recipients=people, event="account.password_changed", target_title="Twice")
    ids = list(EmailDelivery.objects.values_list("pk", flat=True))

    assert deliver_emails.apply(args=[ids]).get() == 3
    assert deliver_emails.apply(args=[ids]).get() == 0

    assert sorted(address for message in mailoutbox for address in message.to) == sorted(
        p.email for p in people
    )


def test_a_delivery_that_must_wait_is_retried_on_its_own(settings, monkeypatch):
    settings.MAILERS = {"default": {"BACKEND": "tests.mail_backends.BrokenBackend"}}
    retried = []
    monkeypatch.setattr(
        deliver_email, "apply_async", lambda args, countdown: retried.append((args, countdown))
    )
    people = UserFactory.create_batch(2)
    notify(recipients=people, event="account.password_changed", target_title="Refused")
    ids = list(EmailDelivery.objects.values_list("pk", flat=True))

    assert deliver_emails.apply(args=[ids]).get() == 0

    assert sorted(retried) == sorted(([pk], 30) for pk in ids)
    assert set(EmailDelivery.objects.values_list("status", flat=True)) == {"pending"}


def test_one_delivery_keeps_its_own_task(monkeypatch, django_capture_on_commit_callbacks):
    queued = []
    monkeypatch.setattr(deliver_email, "apply_async", lambda args, **options: queued.append(("one", args)))
    monkeypatch.setattr(deliver_emails, "apply_async", lambda args, **options: queued.append(("batch", args)))

    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        outbox.deliveries_queue(delivery_ids=[42])

    assert queued == [("one", (42,))]
