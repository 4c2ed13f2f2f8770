"""The signed-in home (``/``): the person's arenas with what is new in each, what waits for them, and what
ends soon. The core gives the arenas, invitations, join requests and phases; the parts add theirs through
``parts.home_items`` (flags from deliberation, rounds from prototypes).

Every query here is one per kind of thing, never one per arena, so the page costs the same for a person in
two arenas as in twenty. Nothing is listed that the policy would not let the person see or decide.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Count, Prefetch
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from platform_core.notifications.preferences import preferences_of
from platform_core.notifications.selectors import unread_count_by_group

from .access import remember_membership
from .models import Arena, Invitation, JoinRequest, Membership
from .parts import HomeItem, HomeItems, home_items
from .policy import can
from .rules import verified_addresses
from .selectors import visible_arenas_q

DEADLINES_WITHIN = timedelta(days=14)


@dataclass
class MyArena:
    arena: Arena
    role: str
    unread: int = 0
    muted: bool = False


@dataclass
class Home:
    arenas: list[MyArena] = field(default_factory=list)
    waiting: list[HomeItem] = field(default_factory=list)
    deadlines: list[HomeItem] = field(default_factory=list)


def my_arenas(*, user) -> list[Arena]:
    """The arenas the person is a (not banned) member of and may see, archived ones left out; each with
    the person's membership remembered for the policy."""
    arenas = list(
        Arena.objects.filter(visible_arenas_q(user), memberships__user=user, memberships__banned=False)
        .exclude(status=Arena.Status.ARCHIVED)
        .select_related("organisation", "current_phase")
        .prefetch_related(
            Prefetch(
                "memberships", queryset=Membership.objects.filter(user=user), to_attr="_viewer_membership"
            )
        )
        .order_by("title", "pk")
    )
    for arena in arenas:
        remember_membership(arena, user, arena._viewer_membership[0] if arena._viewer_membership else None)
    return arenas


def home_for(*, user) -> Home:
    today = timezone.localdate()
    until = today + DEADLINES_WITHIN
    arenas = my_arenas(user=user)
    unread = unread_count_by_group(user=user, group_keys=[arena.group_key for arena in arenas])
    muted = preferences_of(user).muted_groups
    home = Home(
        arenas=[
            MyArena(
                arena=arena,
                role=arena._viewer_membership[0].get_role_display(),
                unread=unread.get(arena.group_key, 0),
                muted=arena.group_key in muted,
            )
            for arena in arenas
        ]
    )
    for part in home_items:
        if part.waiting:
            home.waiting.extend(part.waiting(user=user, arenas=arenas))
        if part.deadlines:
            home.deadlines.extend(part.deadlines(user=user, arenas=arenas, today=today, until=until))
    home.deadlines.sort(key=lambda item: (item.when or date.max, item.text))
    return home


# --- the core's share: invitations, join requests, phases ---------------------------------------------------


def invitations_waiting(*, user, arenas) -> list[HomeItem]:
    """Pending invitations to the person's confirmed addresses, for arenas they are not in yet. The link is
    in their email (the token is stored hashed); the arena's page is linked when they may see it."""
    addresses = verified_addresses(user)
    if not addresses:
        return []
    invitations = (
        Invitation.objects.annotate(address=Lower("email"))
        .filter(address__in=addresses, status=Invitation.Status.PENDING, expires_at__gt=timezone.now())
        .exclude(arena__memberships__user=user)
        .exclude(arena__status__in=[Arena.Status.CLOSED, Arena.Status.ARCHIVED])
        .select_related("arena")
        .order_by("-created", "-pk")
    )
    items = []
    for invitation in invitations:
        arena = invitation.arena
        remember_membership(arena, user, None)  # no membership: excluded above
        visible = can(user, "arenas.view_arena", arena)
        items.append(
            HomeItem(
                text=_("You are invited to “%(arena)s” as %(role)s: accept from the invitation email.")
                % {"arena": arena.title, "role": invitation.get_role_display().lower()},
                url=arena.get_absolute_url() if visible else "",
                arena=arena if visible else None,
            )
        )
    return items


def join_requests_waiting(*, user, arenas) -> list[HomeItem]:
    deciding = {arena.pk: arena for arena in arenas if can(user, "arenas.invite_participants", arena)}
    if not deciding:
        return []
    counts = (
        JoinRequest.objects.filter(arena_id__in=list(deciding), status=JoinRequest.Status.PENDING)
        .order_by()
        .values("arena_id")
        .annotate(n=Count("pk"))
        .values_list("arena_id", "n")
    )
    return [
        HomeItem(
            text=ngettext("%(count)d request to join", "%(count)d requests to join", n) % {"count": n},
            url=reverse("arenas:members", args=[deciding[arena_id].slug]) + "#join-requests",
            arena=deciding[arena_id],
        )
        for arena_id, n in sorted(counts, key=lambda row: deciding[row[0]].title)
    ]


def phases_ending(*, user, arenas, today, until) -> list[HomeItem]:
    return [
        HomeItem(
            text=_("Phase “%(phase)s” ends") % {"phase": arena.current_phase.name},
            url=arena.get_absolute_url(),
            arena=arena,
            when=arena.current_phase.end_date,
        )
        for arena in arenas
        if arena.status == Arena.Status.OPEN
        and arena.current_phase
        and arena.current_phase.end_date
        and today <= arena.current_phase.end_date <= until
    ]


home_items.register(HomeItems("arenas.invitations", order=10, waiting=invitations_waiting))
home_items.register(
    HomeItems("arenas.join_requests", order=20, waiting=join_requests_waiting, deadlines=phases_ending)
)
