"""Writes to notifications. ``notify`` is the one entry point for the domain."""

from collections.abc import Iterable
from dataclasses import asdict, dataclass, fields
from itertools import batched

from django.db import transaction
from django.utils import timezone, translation

from .audiences import Audience, audience_batch
from .models import EmailDelivery, Notification, NotificationSettings
from .outbox import deliveries_queue, fanout_record
from .preferences import preferences_for
from .registry import EmailMode, registry

BATCH_SIZE = 1000
# An audience up to this size is told in the action's transaction (a reply's author, a small arena);
# past it, after the commit in batches. Telling 100 people inline costs a few milliseconds.
INLINE_LIMIT = 100


def delivery_key_for_notification(notification_id: int) -> str:
    return f"notification:{notification_id}:email"


@dataclass(frozen=True)
class Notice:
    """What one notification says, before it has a recipient: written per person by ``notify`` or kept
    on a fan-out row until the audience is told."""

    event: str
    actor_id: int | None
    actor_name: str
    verb: str
    target_title: str
    url: str
    group_key: str
    group_label: str
    data: dict
    email: bool

    @property
    def category(self) -> str:
        return registry.event(self.event).category

    @classmethod
    def of(cls, row) -> "Notice":
        """The notice a row (a fan-out waiting to be told) keeps in columns of the same names."""
        return cls(**{field.name: getattr(row, field.name) for field in fields(cls)})

    def fields(self, *, email: bool = True) -> dict:
        """The notice as column values; a notification keeps all but ``email`` (it has an email mode)."""
        values = asdict(self)
        if not email:
            del values["email"]
        return values


def notice_modes(notice: Notice, user_ids) -> list[tuple[int, str]]:
    """Who of ``user_ids`` is told (not those who muted the notice's group), and how each wants it
    emailed: ``(user id, email mode)`` pairs, from one query."""
    preferences = preferences_for(user_ids)
    category = notice.category
    return [
        (user_id, preferences[user_id].email_mode(category) if notice.email else EmailMode.OFF)
        for user_id in user_ids
        if not preferences[user_id].mutes(notice.group_key)
    ]


def notice_rows(notice: Notice, user_ids, *, now, fanout_id: int | None = None) -> list[Notification]:
    """The notification for each of ``user_ids`` who has not muted the notice's group (one query)."""
    columns = notice.fields(email=False)
    return [
        Notification(
            **columns,
            recipient_id=user_id,
            email_mode=mode,
            created=now,
            fanout_id=fanout_id,
        )
        for user_id, mode in notice_modes(notice, user_ids)
    ]


def deliveries_for(rows, *, now) -> list[EmailDelivery]:
    """The outbox rows of the notifications to email at once (not yet saved)."""
    return [
        EmailDelivery(
            key=delivery_key_for_notification(row.pk),
            recipient_id=row.recipient_id,
            notification_id=row.pk,
            created=now,
            next_attempt_at=now,
        )
        for row in rows
        if row.email_mode == EmailMode.IMMEDIATELY
    ]


@transaction.atomic
def notify(
    *,
    recipients: Iterable | Audience,
    event: str,
    actor=None,
    target_title: str = "",
    url: str = "",
    group_key: str = "",
    group_label: str = "",
    data: dict | None = None,
    verb: str = "",
    email: bool = True,
) -> list[Notification]:
    """Tell ``recipients`` that ``event`` happened. Call it inside the service's transaction: the rows
    are written with the change, and emails are queued only after the commit.

    ``recipients`` are people (or their ids), or an ``Audience`` (a registered query: a thread's
    followers, an arena's members). An audience of more than ``INLINE_LIMIT`` is not told in the action's
    transaction: one fan-out row is written instead, and a task tells everyone after the commit, in
    batches (fanout.py) — the actor does not wait for 10,000 people. Returns the notifications written now.

    The actor is never notified of their own action; recipients who muted ``group_key`` get nothing.
    ``email=False`` keeps it in-app only (the caller emails by other means, e.g. an invitation link).
    Writes a fixed number of queries per batch of 1,000 recipients, however many there are.
    """
    event_type = registry.event(event)
    actor_id = getattr(actor, "pk", None)
    custom_verb = bool(verb)
    with translation.override("en"):
        verb = verb or str(event_type.verb)
    notice = Notice(
        event=event,
        actor_id=actor_id,
        actor_name=actor.name if actor is not None else "",
        verb=verb,
        target_title=target_title[:300],
        url=url,
        group_key=group_key,
        group_label=group_label[:200],
        data={**(data or {}), "custom_verb": True} if custom_verb else (data or {}),
        email=email,
    )
    if isinstance(recipients, Audience):
        audience = recipients.excluding([actor_id] if actor_id else [])
        recipient_ids = audience_batch(
            audience.kind, audience.params, excluded=audience.excluded, after=0, limit=INLINE_LIMIT + 1
        )
        if len(recipient_ids) > INLINE_LIMIT:
            fanout_record(notice, audience)
            return []
    else:
        recipient_ids = list(
            dict.fromkeys(getattr(r, "pk", r) for r in recipients if getattr(r, "pk", r) != actor_id)
        )

    now = timezone.now()
    created: list[Notification] = []
    delivery_ids: list[int] = []
    for batch in batched(recipient_ids, BATCH_SIZE):
        rows = Notification.objects.bulk_create(notice_rows(notice, batch, now=now))
        created.extend(rows)
        delivery_ids.extend(d.pk for d in EmailDelivery.objects.bulk_create(deliveries_for(rows, now=now)))
    if delivery_ids:
        deliveries_queue(delivery_ids=delivery_ids)
    return created


@transaction.atomic
def email_send_direct(*, key: str, to: str, subject: str, text: str, html: str) -> EmailDelivery:
    """Put an email to an address (which may have no account yet) in the outbox: same claim, retry and
    sweep as every other delivery. ``key`` makes it idempotent: the same key is queued once."""
    from django.conf import settings

    delivery, created = EmailDelivery.objects.get_or_create(
        key=key,
        defaults={
            "to_email": to,
            "payload": {
                "subject": f"{settings.ACCOUNT_EMAIL_SUBJECT_PREFIX}{' '.join(subject.split())}",
                "text": text,
                "html": html,
            },
        },
    )
    if created:
        deliveries_queue(delivery_ids=[delivery.pk])
    return delivery


def notifications_mark_read(*, user, ids: Iterable[int] | None = None) -> int:
    """Mark some (or, with ``ids=None``, all) of the person's unread notifications read; returns how many."""
    unread = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if ids is not None:
        unread = unread.filter(pk__in=list(ids))
    return unread.update(read_at=timezone.now())


def _settings_row(user) -> NotificationSettings:
    row, _created = NotificationSettings.objects.select_for_update().get_or_create(user=user)
    return row


@transaction.atomic
def notification_settings_update(
    *,
    user,
    email_by_category: dict[str, str],
    digest_frequency: str,
    digest_hour: int,
    digest_weekday: int,
) -> NotificationSettings:
    row = _settings_row(user)
    cleaned = {}
    for key, mode in email_by_category.items():
        category = registry.categories.get(key)
        if category is None or mode not in EmailMode.ALL:
            raise ValueError(f"Unknown category or email mode: {key}={mode}")
        if mode == EmailMode.OFF and not category.can_turn_off:
            mode = category.default
        cleaned[key] = mode
    row.email_by_category = cleaned
    row.digest_frequency = digest_frequency
    row.digest_hour = digest_hour
    row.digest_weekday = digest_weekday
    row.full_clean()
    row.save()
    return row


@transaction.atomic
def notification_group_mute(*, user, group_key: str, muted: bool = True) -> NotificationSettings:
    row = _settings_row(user)
    groups = [g for g in row.muted_groups if g != group_key]
    if muted:
        groups.append(group_key)
    row.muted_groups = sorted(groups)
    row.save(update_fields=["muted_groups"])
    return row


@transaction.atomic
def email_unsubscribe(*, user, category: str | None) -> bool:
    """Turn off one category's emails, or the digest when ``category`` is None. Returns False when it
    was already off (the link was used before)."""
    row = _settings_row(user)
    if category is None:
        if row.digest_frequency == NotificationSettings.Frequency.NEVER:
            return False
        row.digest_frequency = NotificationSettings.Frequency.NEVER
        row.save(update_fields=["digest_frequency"])
        return True
    if row.email_by_category.get(category) == EmailMode.OFF:
        return False
    row.email_by_category = {**row.email_by_category, category: EmailMode.OFF}
    row.save(update_fields=["email_by_category"])
    return True
