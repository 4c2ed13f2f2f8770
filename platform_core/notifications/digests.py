"""Digests: who is due (one query), one run per person and period (unique), and what goes in one.

The hourly job finds the people whose chosen hour (and weekday) it is *in their own time zone* and who
have something new, creates their runs in bulk and queues one build task per run. A build marks the
notifications it carries, so they are never digested twice, and queues the email through the outbox.
"""

import zoneinfo
from collections import defaultdict
from collections.abc import Sequence
from datetime import datetime
from functools import lru_cache
from itertools import batched

from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.db.models import Count, Exists, OuterRef, Q, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import DigestRun, EmailDelivery, Notification, NotificationSettings
from .outbox import deliveries_queue
from .quotes import quotes_attach
from .registry import EmailMode, digest_sections

Frequency = NotificationSettings.Frequency
BATCH_SIZE = 1000
ITEMS_PER_SUBGROUP = 3


def awaiting_digest():
    """Notifications meant for the digest that no digest has carried yet (and that were not read)."""
    return Notification.objects.filter(
        email_mode=EmailMode.DIGEST, digest_run__isnull=True, read_at__isnull=True
    )


@lru_cache(maxsize=1)
def _all_zones() -> tuple[str, ...]:
    return tuple(sorted(zoneinfo.available_timezones()))


def zones_by_local_time(now: datetime) -> dict[tuple[int, int], list[str]]:
    """For this instant: every time zone, keyed by its local (hour, weekday)."""
    groups: dict[tuple[int, int], list[str]] = defaultdict(list)
    for name in _all_zones():
        local = now.astimezone(zoneinfo.ZoneInfo(name))
        groups[(local.hour, local.weekday())].append(name)
    return groups


def period_key(*, now: datetime, time_zone: str, frequency: str) -> str:
    local = now.astimezone(zoneinfo.ZoneInfo(time_zone))
    if frequency == Frequency.WEEKLY:
        year, week, _weekday = local.isocalendar()
        return f"weekly:{year}-W{week:02d}"
    return f"daily:{local.date().isoformat()}"


def users_due(*, now: datetime, user_ids=None):
    """People whose digest is due at ``now`` in their own time zone and who have something new: one query."""
    by_hour: dict[int, list[str]] = defaultdict(list)
    schedule = Q(pk__in=[])
    for (hour, weekday), zones in zones_by_local_time(now).items():
        by_hour[hour].extend(zones)
        schedule |= Q(
            time_zone__in=zones,
            notification_settings__digest_frequency=Frequency.WEEKLY,
            notification_settings__digest_hour=hour,
            notification_settings__digest_weekday=weekday,
        )
    for hour, zones in by_hour.items():
        schedule |= Q(
            time_zone__in=zones,
            notification_settings__digest_frequency=Frequency.DAILY,
            notification_settings__digest_hour=hour,
        )
    default_zones = by_hour.get(NotificationSettings.DEFAULT_HOUR, [])
    if NotificationSettings.DEFAULT_FREQUENCY == Frequency.DAILY and default_zones:
        schedule |= Q(notification_settings__isnull=True, time_zone__in=default_zones)
    users = get_user_model().objects.filter(schedule, is_active=True)
    if user_ids is not None:
        users = users.filter(pk__in=user_ids)
    return (
        users.filter(Exists(awaiting_digest().filter(recipient=OuterRef("pk"))))
        .values_list("pk", "time_zone", "notification_settings__digest_frequency")
        .order_by("pk")
    )


def users_with_news(*, user_ids=None):
    """For ``send_digests --now``: everyone (or these people) with something new, whatever their schedule."""
    users = (
        get_user_model()
        .objects.filter(is_active=True)
        .filter(Exists(awaiting_digest().filter(recipient=OuterRef("pk"))))
    )
    if user_ids is not None:
        users = users.filter(pk__in=user_ids)
    return users.order_by("pk").values_list("pk", flat=True)


def digest_runs_create_due(*, now: datetime | None = None, user_ids=None) -> list[int]:
    """Create (once) the runs due at ``now``; returns the ids of runs still waiting to be built."""
    now = now or timezone.now()
    run_ids: list[int] = []
    for batch in batched(users_due(now=now, user_ids=user_ids).iterator(chunk_size=BATCH_SIZE), BATCH_SIZE):
        runs = [
            DigestRun(
                user_id=user_id,
                period=period_key(now=now, time_zone=tz, frequency=frequency or Frequency.DAILY),
                created=now,
            )
            for user_id, tz, frequency in batch
        ]
        run_ids.extend(_create_runs(runs))
    return run_ids


def digest_runs_create_now(*, user_ids=None, now: datetime | None = None) -> list[int]:
    now = now or timezone.now()
    run_ids: list[int] = []
    for batch in batched(users_with_news(user_ids=user_ids).iterator(chunk_size=BATCH_SIZE), BATCH_SIZE):
        runs = [DigestRun(user_id=user_id, period=f"now:{now.isoformat()}", created=now) for user_id in batch]
        run_ids.extend(_create_runs(runs))
    return run_ids


def _create_runs(runs: list[DigestRun]) -> list[int]:
    """Create the batch's runs (once: a run per person and period is unique) and return the ids of those
    still pending. The batch's people and periods are looked up as two ``IN`` lists (a batch spans a handful
    of periods) and matched in pairs here, not as an ``OR`` of one condition per person, whose planning grew
    with the batch."""
    if connection.vendor == "postgresql":
        _insert_runs_postgresql(runs)
    else:
        DigestRun.objects.bulk_create(runs, ignore_conflicts=True)
    wanted = {(run.user_id, run.period) for run in runs}
    found = DigestRun.objects.filter(
        user_id__in={user_id for user_id, _period in wanted},
        period__in={period for _user_id, period in wanted},
        status=DigestRun.Status.PENDING,
    ).values_list("pk", "user_id", "period")
    return [pk for pk, user_id, period in found if (user_id, period) in wanted]


def _insert_runs_postgresql(runs: list[DigestRun]) -> None:
    """``bulk_create(runs, ignore_conflicts=True)`` as one statement over two arrays (``unnest``): building
    and compiling a thousand model instances was most of a batch's time."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            INSERT INTO {DigestRun._meta.db_table} (user_id, period, status, notification_count, created)
            SELECT person, period, %s, 0, created
            FROM unnest(%s::bigint[], %s::text[], %s::timestamptz[]) AS due(person, period, created)
            ON CONFLICT (user_id, period) DO NOTHING
            """,
            [
                DigestRun.Status.PENDING,
                [run.user_id for run in runs],
                [run.period for run in runs],
                [run.created for run in runs],
            ],
        )


def digest_build(*, run_id: int) -> int | None:
    """``digests_build`` of one run: its delivery id, or None when there was nothing (left) to do."""
    delivery_ids = digests_build(run_ids=[run_id])
    return delivery_ids[0] if delivery_ids else None


def digests_build(*, run_ids: Sequence[int]) -> list[int]:
    """Attach each run's person's undigested notifications (up to the run's creation) to the run and put
    its email in the outbox; returns the deliveries' ids. Set-based, a handful of queries per batch
    however many runs: the runs still pending are claimed (a run another build holds is skipped), the
    notifications attached in one UPDATE, the runs marked built (with their count) and empty in two,
    their deliveries created in one. Runs already built or empty are left alone, so building twice sends once."""
    with transaction.atomic():
        runs = list(
            DigestRun.objects.select_for_update(skip_locked=True)
            .filter(pk__in=list(run_ids), status=DigestRun.Status.PENDING)
            .only("pk", "user_id", "created")
            .order_by("pk")
        )
        if not runs:
            return []
        claimed = [run.pk for run in runs]
        run_of = DigestRun.objects.filter(
            pk__in=claimed, user_id=OuterRef("recipient_id"), created__gte=OuterRef("created")
        ).values("pk")[:1]
        # Each notification's run is looked up by its person (an index probe each). Not filtered by an
        # EXISTS of the same lookup: without fresh statistics (a big fan-out just written) PostgreSQL
        # planned that as a scan of every run per notification. One with no run of its own (written after
        # its person's run) is set to NULL, which it was.
        awaiting_digest().filter(
            recipient_id__in={run.user_id for run in runs}, created__lte=max(run.created for run in runs)
        ).update(digest_run=Subquery(run_of))
        counts = dict(
            Notification.objects.filter(digest_run_id__in=claimed)
            .order_by()
            .values_list("digest_run_id")
            .annotate(n=Count("pk"))
        )
        built = [run for run in runs if counts.get(run.pk)]
        attached = (
            Notification.objects.filter(digest_run_id=OuterRef("pk"))
            .order_by()
            .values("digest_run_id")
            .annotate(n=Count("pk"))
            .values("n")
        )
        now = timezone.now()
        DigestRun.objects.filter(pk__in=[run.pk for run in built]).update(
            status=DigestRun.Status.BUILT, built_at=now, notification_count=Subquery(attached)
        )
        DigestRun.objects.filter(pk__in=[pk for pk in claimed if not counts.get(pk)]).update(
            status=DigestRun.Status.EMPTY, built_at=now, notification_count=0
        )
        deliveries = EmailDelivery.objects.bulk_create(
            [
                EmailDelivery(key=f"digest:{run.pk}", recipient_id=run.user_id, digest_run_id=run.pk)
                for run in built
            ]
        )
        delivery_ids = [delivery.pk for delivery in deliveries]
        deliveries_queue(delivery_ids=delivery_ids)
    return delivery_ids


def digest_content(run: DigestRun) -> dict:
    """What a digest shows: its notifications grouped by group (an arena), then by subgroup (a thread:
    ``data["subgroup_key"]``; otherwise the kind of event), the busiest first and, among as busy, the one
    with the newest item; newest first within each, with counts for the long tail. Excerpts are quoted
    only while their source may still be quoted. Then the sections other apps contribute. A fixed number
    of queries, however many notifications. (``DigestBatch`` says the same for many runs at once.)"""
    notifications = list(run.notifications.order_by("-created", "-id"))
    quotes_attach(notifications)
    builders = [section.build for section in _sections()]
    return _content(notifications, [build(user=run.user, notifications=notifications) for build in builders])


def _sections():
    return sorted(digest_sections.values(), key=lambda s: s.order)


def _content(notifications: list[Notification], sections: list[dict | None]) -> dict:
    groups: dict[str, dict] = {}
    for item in notifications:  # newest first, so a group's place among equals is its newest item's
        group = groups.setdefault(
            item.group_key,
            {"label": item.group_label or _("Across the platform"), "count": 0, "subgroups": {}},
        )
        group["count"] += 1
        key = item.data.get("subgroup_key") or f"event:{item.event}"
        subgroup = group["subgroups"].setdefault(
            key,
            {
                "label": item.data.get("subgroup_label") or item.verb_display,
                "by_event": not item.data.get("subgroup_key"),
                "items": [],
                "count": 0,
            },
        )
        subgroup["count"] += 1
        if len(subgroup["items"]) < ITEMS_PER_SUBGROUP:
            subgroup["items"].append(item)
    ordered = sorted(groups.values(), key=lambda g: -g["count"])  # stable: ties stay newest first
    for group in ordered:
        group["subgroups"] = [
            {**sub, "more": sub["count"] - len(sub["items"])}
            for sub in sorted(group["subgroups"].values(), key=lambda sub: -sub["count"])
        ]
    built = [section for section in sections if section and section.get("items")]
    return {"groups": ordered, "total": len(notifications), "sections": built}


class DigestBatch:
    """``digest_content`` of many runs (their ``user`` loaded), read at once: everyone's notifications in
    one query, the quotes' check in one, and each section's reads for the whole batch (its ``batch``
    builder; a section without one is built a person at a time). The query count does not grow with the
    batch. ``content(run)`` then only groups and formats: call it in the run's person's language and time
    zone, as ``digest_content``."""

    def __init__(self, runs: Sequence[DigestRun]):
        self.notifications: dict[int, list[Notification]] = {run.pk: [] for run in runs}
        everyone = list(
            Notification.objects.filter(digest_run_id__in=list(self.notifications)).order_by(
                "-created", "-id"
            )
        )
        quotes_attach(everyone)
        for item in everyone:
            self.notifications[item.digest_run_id].append(item)
        self.users = {run.user_id: run.user for run in runs}  # one object per person: what sections keep
        users = list(self.users.values())
        by_user: dict[int, list[Notification]] = defaultdict(list)
        for run in runs:
            by_user[run.user_id].extend(self.notifications[run.pk])
        self.builders = [
            section.batch(users=users, notifications=by_user) if section.batch else section.build
            for section in _sections()
        ]

    def content(self, run: DigestRun) -> dict:
        notifications = self.notifications[run.pk]
        return _content(
            notifications,
            [build(user=self.users[run.user_id], notifications=notifications) for build in self.builders],
        )
