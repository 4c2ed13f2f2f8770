from datetime import timedelta

import pytest
from django.utils import timezone

from platform_core.notifications import delivery
from platform_core.notifications.models import EmailDelivery
from platform_core.notifications.services import notify
from platform_core.notifications.tasks import deliver_email
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def pending(user):
    notify(recipients=[user], event="test.now", target_title="Walking bus pilot", url="/arenas/x/")
    return EmailDelivery.objects.get()


def test_a_delivery_is_sent_once_with_text_html_and_unsubscribe_headers(pending, mailoutbox):
    assert delivery.delivery_send(delivery_id=pending.pk).status == "sent"
    assert delivery.delivery_send(delivery_id=pending.pk).status == "skipped"

    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == ["anna@example.org"]
    assert message.subject == "[Cocreate] did something urgent — Walking bus pilot"
    assert "Walking bus pilot" in message.body
    assert "http://127.0.0.1:8000/arenas/x/" in message.body
    html = message.alternatives[0].content
    assert "<script" not in html
    assert "http://127.0.0.1:8000/settings/notifications/" in html
    assert message.extra_headers["List-Unsubscribe"].startswith(
        "<http://127.0.0.1:8000/notifications/unsubscribe/"
    )
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    pending.refresh_from_db()
    assert (pending.status, pending.attempts) == ("sent", 1)


def test_the_email_speaks_the_recipients_language(mailoutbox):
    person = UserFactory(language="da")
    notify(recipients=[person], event="account.password_changed")

    delivery.delivery_send(delivery_id=EmailDelivery.objects.get().pk)

    assert "Din adgangskode blev ændret" in mailoutbox[0].subject
    assert "Hej" in mailoutbox[0].body


def test_a_security_notice_has_no_unsubscribe(user, mailoutbox):
    notify(recipients=[user], event="account.email_changed")

    delivery.delivery_send(delivery_id=EmailDelivery.objects.get().pk)

    assert "List-Unsubscribe" not in mailoutbox[0].extra_headers


def test_a_task_run_twice_sends_once(pending, mailoutbox):
    deliver_email.apply(args=[pending.pk])
    deliver_email.apply(args=[pending.pk])

    assert len(mailoutbox) == 1


def test_a_failed_send_is_retried_with_backoff_then_marked_failed(pending, settings, mailoutbox):
    settings.MAILERS = {"default": {"BACKEND": "tests.mail_backends.BrokenBackend"}}

    delays = []
    for _attempt in range(delivery.MAX_ATTEMPTS):
        result = delivery.delivery_send(delivery_id=pending.pk)
        delays.append(result.retry_in)
        EmailDelivery.objects.filter(pk=pending.pk).update(next_attempt_at=timezone.now())

    assert delays == [30, 60, 120, 240, None]
    pending.refresh_from_db()
    assert pending.status == "failed"
    assert pending.attempts == delivery.MAX_ATTEMPTS
    assert "SMTP server refused" in pending.last_error
    assert mailoutbox == []


def test_a_failed_delivery_retried_from_the_admin_is_sent(
    pending, settings, mailoutbox, django_capture_on_commit_callbacks
):
    EmailDelivery.objects.filter(pk=pending.pk).update(status="failed", attempts=5, last_error="boom")

    with django_capture_on_commit_callbacks() as callbacks:
        assert delivery.deliveries_retry(delivery_ids=[pending.pk]) == 1
    assert len(callbacks) == 1

    assert delivery.delivery_send(delivery_id=pending.pk).status == "sent"
    assert len(mailoutbox) == 1


def test_the_sweeper_requeues_stale_pending_and_stuck_sending(user, django_capture_on_commit_callbacks):
    notify(recipients=[user], event="test.now")
    notify(recipients=[user], event="test.now")
    notify(recipients=[user], event="test.now")
    fresh, stale, stuck = EmailDelivery.objects.order_by("pk")
    now = timezone.now()
    EmailDelivery.objects.filter(pk=stale.pk).update(next_attempt_at=now - timedelta(minutes=5))
    # Its sender gone (nobody holds its row): swept a minute after the claim.
    EmailDelivery.objects.filter(pk=stuck.pk).update(status="sending", claimed_at=now - timedelta(minutes=1))

    with django_capture_on_commit_callbacks() as callbacks:
        requeued = delivery.deliveries_requeue_stale(now=now)

    assert sorted(requeued) == sorted([stale.pk, stuck.pk])
    assert len(callbacks) == 1  # both queued together, after the sweep commits
    stuck.refresh_from_db()
    assert stuck.status == "pending"
    # Not swept again straight away.
    assert delivery.deliveries_requeue_stale(now=now + timedelta(seconds=30)) == []
    assert fresh.pk not in requeued


def test_admin_lists_deliveries_by_status_and_retries(client, pending):
    from django.urls import reverse

    EmailDelivery.objects.filter(pk=pending.pk).update(status="failed", last_error="boom")
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    url = reverse("admin:notifications_emaildelivery_changelist")

    assert "boom" in client.get(url, {"status__exact": "failed"}).content.decode()
    response = client.post(url, {"action": "retry", "_selected_action": [pending.pk]}, follow=True)

    assert "1 delivery queued again." in response.content.decode()
    pending.refresh_from_db()
    assert pending.status == "pending"


def test_email_change_through_allauth_notifies_in_app_and_by_email(client, user, mailoutbox):
    from allauth.account.models import EmailAddress

    from platform_core.notifications.models import Notification

    client.force_login(user)
    EmailAddress.objects.create(user=user, email="anna.new@example.org", verified=True)
    session = client.session
    session["account_reauthenticated_at"] = timezone.now().timestamp()
    session.save()

    client.post("/accounts/email/", {"action_primary": "", "email": "anna.new@example.org"})

    notification = Notification.objects.get(recipient=user, event="account.email_changed")
    assert notification.email_mode == "immediately"
    assert EmailDelivery.objects.filter(notification=notification).exists()
    assert any("anna@example.org" in m.to for m in mailoutbox)  # the old address hears of it at once


def test_a_direct_email_to_an_address_without_account_goes_through_the_outbox_once(mailoutbox):
    from platform_core.notifications.services import email_send_direct

    first = email_send_direct(
        key="invitation:1:1", to="new@example.org", subject="Join us", text="Hi", html="<p>Hi</p>"
    )
    again = email_send_direct(
        key="invitation:1:1", to="new@example.org", subject="Join us", text="Hi", html="<p>Hi</p>"
    )

    assert first.pk == again.pk
    assert delivery.delivery_send(delivery_id=first.pk).status == "sent"
    assert [(m.to, m.subject, m.body) for m in mailoutbox] == [
        (["new@example.org"], "[Cocreate] Join us", "Hi")
    ]
