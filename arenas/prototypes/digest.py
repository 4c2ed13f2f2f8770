"""The digest's "prototypes that moved" section: stage changes in the person's arenas since the period."""

from datetime import timedelta

from django.db.models import F, Window
from django.db.models.functions import RowNumber
from django.utils import timezone
from django.utils.translation import gettext as _

from arenas.digest import memberships_of_many
from arenas.models import Membership
from platform_core.notifications.registry import DigestSection, digest_section_register

from .models import StageTransition
from .stages import Stage

SHOWN = 8


def _since(notifications):
    return min((n.created for n in notifications), default=timezone.now() - timedelta(days=1))


def prototypes_that_moved(*, user, notifications) -> dict | None:
    since = _since(notifications)
    arena_ids = Membership.objects.filter(user=user, banned=False).values("arena_id")
    moves = (
        StageTransition.objects.filter(prototype__arena_id__in=arena_ids, created__gte=since)
        .exclude(from_stage="")
        .select_related("prototype", "prototype__arena")
        .order_by("-created")[:SHOWN]
    )
    return _section(moves)


def _section(moves) -> dict | None:
    items = [
        {
            "text": _("%(prototype)s: %(from)s → %(to)s")
            % {
                "prototype": m.prototype.title,
                "from": Stage(m.from_stage).label,
                "to": Stage(m.to_stage).label,
            },
            "url": m.prototype.get_absolute_url(),
        }
        for m in moves
    ]
    return {"title": _("Prototypes that moved"), "items": items} if items else None


def prototypes_that_moved_batch(*, users, notifications):
    """For a batch: the readers' memberships, then each of their arenas' newest moves since the earliest
    reader's period began (a reader's newest among theirs are always among those) — two queries."""
    memberships = memberships_of_many(users)
    since = {user.pk: _since(notifications.get(user.pk, [])) for user in users}
    arena_ids = {m.arena_id for ms in memberships.values() for m in ms}
    moves = []
    if arena_ids and since:
        moves = list(
            StageTransition.objects.filter(
                prototype__arena_id__in=arena_ids, created__gte=min(since.values())
            )
            .exclude(from_stage="")
            .annotate(
                rank=Window(
                    RowNumber(),
                    partition_by=F("prototype__arena_id"),
                    order_by=[F("created").desc(), F("pk").desc()],
                )
            )
            .filter(rank__lte=SHOWN)
            .select_related("prototype", "prototype__arena")
            .order_by("-created", "-pk")
        )

    def build(*, user, notifications) -> dict | None:
        mine = {m.arena_id for m in memberships.get(user.pk, [])}
        since = _since(notifications)
        theirs = [m for m in moves if m.prototype.arena_id in mine and m.created >= since]
        return _section(theirs[:SHOWN])

    return build


digest_section_register(
    DigestSection(
        "prototypes.moved", order=30, build=prototypes_that_moved, batch=prototypes_that_moved_batch
    )
)
