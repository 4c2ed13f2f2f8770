"""The email outbox: claim a delivery, send it, record the outcome; re-queue what a broker outage or a
dead worker left behind; retry failures from the admin.

Exactly-once is kept by the database, not the broker: a delivery is sent only by whoever moves it from
``pending`` to ``sending`` (``select_for_update(skip_locked=True)``), so a task that runs twice, or a
sweep that re-queues a delivery whose task is still on its way, finds nothing to do.

The sender holds the delivery's row lock while it sends, until the outcome is recorded. A worker that dies
mid-send (killed, out of memory, its machine gone) loses its database connection and with it the lock, so
the sweep can tell, where the database has row locks (PostgreSQL), a delivery whose sender is gone from one
still being sent, and sends it again within a minute or two instead of waiting out every time limit.
"""

import logging
from dataclasses import dataclass
from datetime import timedelta

from django.db import connection, transaction
from django.utils import timezone

from .emails import RenderedEmail, build_message, render_digest_emails, render_notification_email
from .models import EmailDelivery
from .outbox import deliveries_queue

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 5
FIRST_RETRY_SECONDS = 30
# A pending delivery whose task should long have run (the broker was down at commit, or lost it).
STALE_PENDING_AFTER = timedelta(minutes=3)
# A delivery left in ``sending`` this long whose row nobody holds locked: its sender has died. Without row
# locks (SQLite), far beyond the task's hard time limit instead.
ORPHANED_SENDING_AFTER = timedelta(seconds=30)
STUCK_SENDING_AFTER = timedelta(minutes=10)
SWEEP_LIMIT = 5000


@dataclass(frozen=True)
class SendResult:
    status: str  # "sent", "skipped", "retry" or "failed"
    retry_in: int | None = None


def retry_delay(attempts: int) -> int:
    """Exponential backoff: 30 s, 60 s, 2 min, 4 min…"""
    return FIRST_RETRY_SECONDS * 2 ** max(attempts - 1, 0)


def _claim(delivery_id: int) -> EmailDelivery | None:
    with transaction.atomic():
        delivery = (
            EmailDelivery.objects.select_for_update(skip_locked=True)
            .filter(pk=delivery_id, status=EmailDelivery.Status.PENDING)
            .first()
        )
        if delivery is None:
            return None
        delivery.status = EmailDelivery.Status.SENDING
        delivery.attempts += 1
        delivery.claimed_at = timezone.now()
        delivery.save(update_fields=["status", "attempts", "claimed_at"])
    return delivery


def _message(delivery: EmailDelivery, rendered: RenderedEmail | None = None):
    if delivery.to_email:
        payload = delivery.payload
        rendered = RenderedEmail(
            payload["subject"], payload["text"], payload["html"], payload.get("headers", {})
        )
        return build_message(rendered, to=delivery.to_email, message_id_key=delivery.key)
    if delivery.notification_id:
        from .models import Notification

        notification = Notification.objects.select_related("recipient").get(pk=delivery.notification_id)
        rendered = render_notification_email(notification)
        recipient = notification.recipient
    else:
        run = delivery.digest_run
        if rendered is None:  # a batch of one: the sections speak the recipient's language and time zone
            rendered = render_digest_emails([run])[run.pk]
        recipient = run.user
    return build_message(rendered, to=recipient.email, message_id_key=delivery.key)


def delivery_send(*, delivery_id: int, rendered: RenderedEmail | None = None) -> SendResult:
    """Send one delivery if it is still pending. Safe to call any number of times. ``rendered``: its
    digest's email, rendered beforehand with others (``deliveries_send``)."""
    delivery = _claim(delivery_id)
    if delivery is None:
        return SendResult("skipped")
    try:
        message = _message(delivery, rendered if delivery.digest_run_id else None)
    except Exception as exc:
        return _record_failure(delivery, exc)
    with transaction.atomic():
        # Held until the outcome is recorded: the sweep skips a locked row (see the module's docstring).
        if (
            not EmailDelivery.objects.select_for_update()
            .filter(pk=delivery.pk, status=EmailDelivery.Status.SENDING, attempts=delivery.attempts)
            .exists()
        ):
            return SendResult("skipped")  # swept and claimed again meanwhile: that claim sends it
        try:
            message.send()
        except Exception as exc:
            return _record_failure(delivery, exc)
        EmailDelivery.objects.filter(pk=delivery.pk).update(
            status=EmailDelivery.Status.SENT, sent_at=timezone.now(), last_error=""
        )
    return SendResult("sent")


def deliveries_send(*, delivery_ids) -> list[SendResult]:
    """``delivery_send`` of each, in turn, the digests among them rendered together first (a fixed number
    of queries for the batch, not a handful per digest). Rendering before the claim costs at most wasted
    work: a delivery another worker sent meanwhile is skipped, its rendering unused."""
    ids = list(delivery_ids)
    digests = list(
        EmailDelivery.objects.filter(
            pk__in=ids, status=EmailDelivery.Status.PENDING, digest_run__isnull=False, to_email=""
        ).select_related("digest_run__user")
    )
    rendered = {}
    if digests:
        try:
            rendered = render_digest_emails([d.digest_run for d in digests])
        except Exception:  # each is rendered on its own instead, and one that fails is retried on its own
            logger.exception("Could not render %s digests together", len(digests))
    by_delivery = {d.pk: rendered[d.digest_run_id] for d in digests if d.digest_run_id in rendered}
    return [delivery_send(delivery_id=pk, rendered=by_delivery.get(pk)) for pk in ids]


def _record_failure(delivery: EmailDelivery, exc: Exception) -> SendResult:
    error = f"{exc.__class__.__name__}: {exc}"[:2000]
    logger.warning("Email delivery %s failed (attempt %s): %s", delivery.key, delivery.attempts, error)
    if delivery.attempts >= MAX_ATTEMPTS:
        EmailDelivery.objects.filter(pk=delivery.pk).update(
            status=EmailDelivery.Status.FAILED, last_error=error
        )
        return SendResult("failed")
    delay = retry_delay(delivery.attempts)
    EmailDelivery.objects.filter(pk=delivery.pk).update(
        status=EmailDelivery.Status.PENDING,
        last_error=error,
        next_attempt_at=timezone.now() + timedelta(seconds=delay),
    )
    return SendResult("retry", retry_in=delay)


def deliveries_requeue_stale(*, now=None) -> list[int]:
    """Find deliveries that no task is going to send and queue them again (beat runs this every minute)."""
    now = now or timezone.now()
    locks_rows = connection.features.has_select_for_update_skip_locked
    with transaction.atomic():
        stuck = list(
            EmailDelivery.objects.select_for_update(skip_locked=True)
            .filter(
                status=EmailDelivery.Status.SENDING,
                claimed_at__lt=now - (ORPHANED_SENDING_AFTER if locks_rows else STUCK_SENDING_AFTER),
            )
            .values_list("pk", flat=True)[:SWEEP_LIMIT]
        )
        stale = list(
            EmailDelivery.objects.select_for_update(skip_locked=True)
            .filter(status=EmailDelivery.Status.PENDING, next_attempt_at__lt=now - STALE_PENDING_AFTER)
            .values_list("pk", flat=True)[:SWEEP_LIMIT]
        )
        ids = stuck + stale
        # Not swept again until another full period has passed without it being sent.
        EmailDelivery.objects.filter(pk__in=ids).update(
            status=EmailDelivery.Status.PENDING, next_attempt_at=now
        )
        deliveries_queue(delivery_ids=ids)
    if ids:
        logger.info("Re-queued %s email deliveries (%s stuck in sending)", len(ids), len(stuck))
    return ids


@transaction.atomic
def deliveries_retry(*, delivery_ids) -> int:
    """Give failed deliveries a fresh set of attempts (the admin's "retry" action)."""
    ids = list(
        EmailDelivery.objects.filter(
            pk__in=list(delivery_ids), status=EmailDelivery.Status.FAILED
        ).values_list("pk", flat=True)
    )
    EmailDelivery.objects.filter(pk__in=ids).update(
        status=EmailDelivery.Status.PENDING, attempts=0, next_attempt_at=timezone.now()
    )
    deliveries_queue(delivery_ids=ids)
    return len(ids)
