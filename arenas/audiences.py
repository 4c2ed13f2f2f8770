"""Who an arena's fan-outs tell, as queries (platform_core.notifications.audiences)."""

from platform_core.notifications.audiences import Audience, audience_register

from .models import Membership


def _members(params: dict):
    return Membership.objects.filter(arena_id=params["arena"], banned=False)


audience_register("arenas.members", _members)


def members_of(arena, *, excluding=()) -> Audience:
    """Everyone in good standing in ``arena`` (banned people are not told)."""
    return Audience("arenas.members", {"arena": arena.pk}, frozenset(excluding))
