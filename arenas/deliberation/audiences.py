"""Who a thread's fan-outs tell, as queries (platform_core.notifications.audiences)."""

from platform_core.notifications.audiences import Audience, audience_register

from ..models import Membership
from .models import ThreadFollow


def _followers(params: dict):
    rows = ThreadFollow.objects.filter(thread_id=params["thread"], state=ThreadFollow.State.FOLLOWING)
    members_only = params.get("members")
    if members_only is None:
        return rows
    members = Membership.objects.filter(arena_id=params["arena"], banned=False).values("user_id")
    return rows.filter(user_id__in=members) if members_only else rows.exclude(user_id__in=members)


audience_register("deliberation.followers", _followers)


def followers_of(thread, *, members: bool | None = None, excluding=()) -> Audience:
    """The people following ``thread``; with ``members`` True only those who are members in good standing
    of its arena, with False only those who are not (told without a quote of a closed arena)."""
    params = {"thread": thread.pk}
    if members is not None:
        params |= {"arena": thread.arena_id, "members": members}
    return Audience("deliberation.followers", params, frozenset(excluding))
