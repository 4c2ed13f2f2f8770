"""Telling a large audience after the action's commit: a fan-out row (outbox.fanout_record) expanded a
batch at a time into notifications and deliveries.

Idempotent by construction: each batch is one transaction that locks the fan-out row, writes the
notifications of the next ``NOTIFICATIONS_FANOUT_BATCH`` people by id (one per fan-out and person — a unique key, so
nothing is written twice) and their deliveries (one per notification), and moves the row's cursor on.
A worker killed mid-batch rolls that batch back; a second task for the same row waits for the lock and
carries on from the cursor. The row is deleted once everyone is told; one left behind (a broker outage at
the commit, a dead worker) is queued again by the sweeper. No lock of the action's is held meanwhile.
"""

import json
import logging
import time
from datetime import timedelta

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from .audiences import audience_batch
from .models import EmailDelivery, Notification, NotificationEvent
from .outbox import deliveries_queue, fanouts_queue
from .registry import EmailMode
from .services import Notice, deliveries_for, delivery_key_for_notification, notice_modes, notice_rows

logger = logging.getLogger(__name__)

STALE_AFTER = timedelta(minutes=1)  # no batch for this long: nobody is expanding it
SWEEP_LIMIT = 500
TASK_SECONDS = 30.0  # one task's share of a very large fan-out, well inside the task time limit
# SQLite has one writer at a time, and a writer waiting for the lock polls (up to every 100 ms): without a
# pause between batches, a post written meanwhile would wait until the whole audience is told.
SQLITE_PAUSE = 0.15


def _notice(fanout: NotificationEvent) -> Notice:
    return Notice.of(fanout)


def fanout_expand_batch(*, fanout_id: int) -> int | None:
    """Tell the next batch; returns how many were in it (0 when everyone is told and the row is gone),
    or None if the fan-out no longer exists (another task finished it)."""
    with transaction.atomic():
        fanout = NotificationEvent.objects.select_for_update().filter(pk=fanout_id).first()
        if fanout is None:
            return None
        ids = audience_batch(
            fanout.audience,
            fanout.audience_params,
            excluded=[*fanout.excluded, *([fanout.actor_id] if fanout.actor_id else [])],
            after=fanout.told_through,
            limit=settings.NOTIFICATIONS_FANOUT_BATCH,
        )
        if not ids:
            fanout.delete()
            return 0
        now = timezone.now()
        write = _write_postgresql if connection.vendor == "postgresql" else _write_portable
        deliveries_queue(delivery_ids=write(_notice(fanout), ids, now=now, fanout_id=fanout.pk))
        NotificationEvent.objects.filter(pk=fanout.pk).update(told_through=ids[-1], touched_at=now)
        return len(ids)


def _write_portable(notice: Notice, ids, *, now, fanout_id: int) -> list[int]:
    """Each person's notification (those already written by an earlier run are skipped) and the
    deliveries of the new ones to email at once; returns the deliveries' ids."""
    Notification.objects.bulk_create(
        notice_rows(notice, ids, now=now, fanout_id=fanout_id), ignore_conflicts=True
    )
    to_email = list(
        Notification.objects.filter(
            fanout_id=fanout_id,
            recipient_id__in=ids,
            email_mode=EmailMode.IMMEDIATELY,
            email_delivery__isnull=True,
        ).only("pk", "recipient_id", "email_mode")
    )
    EmailDelivery.objects.bulk_create(deliveries_for(to_email, now=now), ignore_conflicts=True)
    return list(
        EmailDelivery.objects.filter(
            notification__in=[row.pk for row in to_email], status=EmailDelivery.Status.PENDING
        ).values_list("pk", flat=True)
    )


def _write_postgresql(notice: Notice, ids, *, now, fanout_id: int) -> list[int]:
    """What ``_write_portable`` writes, in two statements over arrays (``unnest``) instead of a thousand
    model instances each: building and compiling the rows was most of a batch's time."""
    told = notice_modes(notice, ids)
    if not told:
        return []
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            INSERT INTO {Notification._meta.db_table} (recipient_id, email_mode, event, actor_id, actor_name,
                verb, target_title, url, group_key, group_label, data, created, fanout_id)
            SELECT person, mode, %s, %s, %s, %s, %s, %s, %s, %s, %s::jsonb, %s, %s
            FROM unnest(%s::bigint[], %s::text[]) AS told(person, mode)
            ON CONFLICT (fanout_id, recipient_id) WHERE fanout_id IS NOT NULL DO NOTHING
            RETURNING id, recipient_id, email_mode
            """,
            [
                notice.event,
                notice.actor_id,
                notice.actor_name,
                notice.verb,
                notice.target_title,
                notice.url,
                notice.group_key,
                notice.group_label,
                json.dumps(notice.data),
                now,
                fanout_id,
                [person for person, _mode in told],
                [mode for _person, mode in told],
            ],
        )
        to_email = [(pk, person) for pk, person, mode in cursor.fetchall() if mode == EmailMode.IMMEDIATELY]
        if not to_email:
            return []
        cursor.execute(
            f"""
            INSERT INTO {EmailDelivery._meta.db_table} (key, notification_id, recipient_id, to_email, payload,
                status, attempts, last_error, created, next_attempt_at)
            SELECT key, notification, person, '', '{{}}'::jsonb, %s, 0, '', %s, %s
            FROM unnest(%s::text[], %s::bigint[], %s::bigint[]) AS due(key, notification, person)
            ON CONFLICT (key) DO NOTHING
            RETURNING id
            """,
            [
                EmailDelivery.Status.PENDING,
                now,
                now,
                [delivery_key_for_notification(pk) for pk, _person in to_email],
                [pk for pk, _person in to_email],
                [person for _pk, person in to_email],
            ],
        )
        return [pk for (pk,) in cursor.fetchall()]


def fanout_expand(*, fanout_id: int, seconds: float = TASK_SECONDS) -> tuple[int, bool]:
    """Tell the audience batch after batch for up to ``seconds``; returns how many people were in the
    batches, and whether the fan-out is finished (False: call again to go on)."""
    told, started = 0, time.monotonic()
    while batch := fanout_expand_batch(fanout_id=fanout_id):
        told += batch
        if time.monotonic() - started > seconds:
            return told, False
        if connection.vendor == "sqlite":
            time.sleep(SQLITE_PAUSE)
    return told, True


def fanouts_requeue_stale(*, now=None) -> list[int]:
    """Fan-outs nobody has moved on for a while (beat runs this every minute): queue them again."""
    now = now or timezone.now()
    with transaction.atomic():
        ids = list(
            NotificationEvent.objects.select_for_update(skip_locked=True)
            .filter(touched_at__lt=now - STALE_AFTER)
            .values_list("pk", flat=True)[:SWEEP_LIMIT]
        )
        NotificationEvent.objects.filter(pk__in=ids).update(touched_at=now)
        fanouts_queue(ids)
    if ids:
        logger.info("Re-queued %s notification fan-outs", len(ids))
    return ids
