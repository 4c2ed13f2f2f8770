"""Reminders a day and an hour before a session, through the outbox.

Every few minutes (beat) one query finds the seats of sessions starting within the next day and hour that
have no reminder of that kind for that start yet; the ``Reminder`` rows make it idempotent (a retried or
doubled run tells nobody twice) and keyed on the start, so a session moved in time reminds again."""

from datetime import timedelta

from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone

from arenas.services.telling import arena_notify
from platform_core.notifications.services import BATCH_SIZE

from ..models import Registration, Reminder, Session

WINDOWS = [(Reminder.Kind.DAY, timedelta(hours=24)), (Reminder.Kind.HOUR, timedelta(hours=1))]


def reminders_due(*, now=None, kind: str, ahead: timedelta):
    now = now or timezone.now()
    told = Reminder.objects.filter(
        session_id=OuterRef("session_id"),
        user_id=OuterRef("user_id"),
        kind=kind,
        starts_at=OuterRef("session__starts_at"),
    )
    return (
        Registration.objects.filter(
            status=Registration.Status.REGISTERED,
            session__status=Session.Status.PLANNED,
            session__starts_at__gt=now,
            session__starts_at__lte=now + ahead,
        )
        .exclude(Exists(told))
        .order_by("pk")
    )


def reminders_send(*, now=None) -> int:
    """Tell everyone whose session is a day or an hour away (the hour's reminder only, if both are due
    at once). Returns how many were told."""
    now = now or timezone.now()
    told = 0
    for kind, ahead in reversed(WINDOWS):  # the hour first: a late registration gets only that one
        after = 0  # keyset: each batch starts where the last one ended, never rescanning the told
        while batch := _remind_batch(kind, ahead, now, after):
            told += len(batch)
            after = batch[-1].pk
    return told


@transaction.atomic
def _remind_batch(kind: str, ahead: timedelta, now, after: int) -> list[Registration]:
    """One batch, its seats locked (a run beside this one skips them, and finds them told after)."""
    due = reminders_due(now=now, kind=kind, ahead=ahead).filter(pk__gt=after).select_related("session__arena")
    batch = list(due.select_for_update(skip_locked=True, of=("self",))[:BATCH_SIZE])
    if not batch:
        return []
    rows = [
        Reminder(session_id=r.session_id, user_id=r.user_id, kind=kind, starts_at=r.session.starts_at)
        for r in batch
    ]
    if kind == Reminder.Kind.HOUR:  # the day's reminder is moot once the hour's is sent
        rows += [
            Reminder(
                session_id=r.session_id,
                user_id=r.user_id,
                kind=Reminder.Kind.DAY,
                starts_at=r.session.starts_at,
            )
            for r in batch
        ]
    Reminder.objects.bulk_create(rows, ignore_conflicts=True)
    by_session: dict[int, list[Registration]] = {}
    for registration in batch:
        by_session.setdefault(registration.session_id, []).append(registration)
    for registrations in by_session.values():
        session = registrations[0].session
        arena_notify(
            arena=session.arena,
            recipients=[r.user_id for r in registrations],
            event="sessions.reminder",
            target_title=session.title,
            url=session.get_absolute_url(),
            data={"session": session.pk, "kind": kind, "starts_at": session.starts_at.isoformat()},
        )
    return batch
