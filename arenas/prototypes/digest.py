"""The digest's "prototypes that moved" section: stage changes in the person's arenas since the period."""

from datetime import timedelta

from django.utils import timezone
from django.utils.translation import gettext as _

from arenas.models import Membership
from platform_core.notifications.registry import DigestSection, digest_section_register

from .models import StageTransition
from .stages import Stage

SHOWN = 8


def prototypes_that_moved(*, user, notifications) -> dict | None:
    since = min((n.created for n in notifications), default=timezone.now() - timedelta(days=1))
    arena_ids = Membership.objects.filter(user=user, banned=False).values("arena_id")
    moves = (
        StageTransition.objects.filter(prototype__arena_id__in=arena_ids, created__gte=since)
        .exclude(from_stage="")
        .select_related("prototype", "prototype__arena")
        .order_by("-created")[:SHOWN]
    )
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


digest_section_register(DigestSection("prototypes.moved", order=30, build=prototypes_that_moved))
