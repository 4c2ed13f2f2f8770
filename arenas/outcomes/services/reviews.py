"""Reminding conveners that a decision is due for review.

Beat runs this every hour. One query per batch finds the decisions whose review date has come and whose
reminder is not sent (the partial index ``decision_review_due``) — only the newest decision on each
subject: a later decision replaces an earlier one's review. The batch is claimed (a run beside this one
skips it), the conveners are told and the reminder stamped in one transaction: run twice, told once."""

from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from arenas.selectors import conveners_of
from arenas.services.telling import arena_notify
from platform_core.notifications.services import BATCH_SIZE

from ..models import Decision


def reviews_due(*, today=None):
    """Decisions to be reviewed by ``today`` (the site's day) whose conveners were not reminded yet."""
    today = today or timezone.localdate()
    newer = Decision.objects.filter(
        Q(thread_id=OuterRef("thread_id")) | Q(prototype_id=OuterRef("prototype_id")),
        Q(created__gt=OuterRef("created")) | Q(created=OuterRef("created"), pk__gt=OuterRef("pk")),
    )
    return (
        Decision.objects.filter(
            review_on__isnull=False, review_on__lte=today, review_reminded_at__isnull=True
        )
        .exclude(Exists(newer))
        .order_by("pk")
    )


def reviews_remind(*, today=None) -> int:
    """Tell the conveners of every decision due for review. Returns how many decisions reminded."""
    today = today or timezone.localdate()
    reminded, after = 0, 0
    while batch := _remind_batch(today=today, after=after):
        reminded += len(batch)
        after = batch[-1].pk  # keyset: the next batch starts past this one
    return reminded


@transaction.atomic
def _remind_batch(*, today, after: int) -> list[Decision]:
    due = reviews_due(today=today).filter(pk__gt=after).select_related("arena", "thread", "prototype")
    batch = list(due.select_for_update(skip_locked=True, of=("self",))[:BATCH_SIZE])
    if not batch:
        return []
    conveners: dict[int, list[int]] = {}
    for decision in batch:
        arena = decision.arena
        if arena.pk not in conveners:
            conveners[arena.pk] = [person.pk for person in conveners_of(arena=arena)]
        subject = decision.subject
        subject.arena = arena
        arena_notify(
            arena=arena,
            recipients=conveners[arena.pk],
            event="outcomes.review_due",
            target_title=subject.title,
            url=f"{subject.get_absolute_url()}#decisions",
            data={"decision": decision.pk, "outcome": decision.outcome, "review_on": str(decision.review_on)},
        )
    Decision.objects.filter(pk__in=[d.pk for d in batch]).update(review_reminded_at=timezone.now())
    return batch
