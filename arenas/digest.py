"""The digest's "waiting for you" section for facilitators and conveners, and what every part's digest
section reads about a batch of readers at once (their memberships, their organisation roles).

Each part of the arenas domain contributes its own items through ``waiting_items_register``: membership
adds join requests and invitations about to expire; deliberation adds open flags and busy threads
without a summary. A provider is given every arena a batch of readers facilitates, reads what it needs
for all of them at once, and returns the function that lists one reader's items from their arenas.
"""

from collections.abc import Callable
from datetime import timedelta

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from platform_core.notifications.registry import DigestSection, digest_section_register

from .access import org_roles_remember, remember_membership
from .models import Arena, Invitation, JoinRequest, Membership, Role

EXPIRING_WITHIN = timedelta(days=3)

# provider(arenas: list[Arena]) -> items(arenas: list[Arena]) -> list of {"text", "url"}: the provider reads
# for all the arenas a batch facilitates; ``items`` lists those of one person's arenas (a subset).
WaitingItems = Callable[[list[Arena]], list[dict]]
WAITING_PROVIDERS: list[Callable[[list[Arena]], WaitingItems]] = []


def waiting_items_register(provider):
    if provider not in WAITING_PROVIDERS:
        WAITING_PROVIDERS.append(provider)
    return provider


def arenas_facilitated_by(user) -> list[Arena]:
    """The open arenas ``user`` facilitates or convenes, read once per digest: every section that asks
    (what waits for them, the parts' sections) gets the list kept on the user object."""
    if "_arenas_facilitated" not in user.__dict__:
        user.__dict__["_arenas_facilitated"] = list(
            Arena.objects.filter(
                memberships__user=user,
                memberships__banned=False,
                memberships__role__in=[Role.CONVENER, Role.FACILITATOR],
                status__in=[Arena.Status.DRAFT, Arena.Status.OPEN],
            ).order_by("title")
        )
    return user.__dict__["_arenas_facilitated"]


def _shared(arenas: dict[int, Arena], arena: Arena) -> Arena:
    """One object per arena for the whole batch, so what the policy remembers on it serves everyone."""
    return arenas.setdefault(arena.pk, arena)


def arenas_facilitated_by_many(users) -> None:
    """``arenas_facilitated_by`` for a batch of readers in one query (kept on each user object), with each
    reader's membership remembered on the arena for the policy."""
    wanted = [user for user in users if "_arenas_facilitated" not in user.__dict__]
    if not wanted:
        return
    by_user: dict[int, list[Arena]] = {user.pk: [] for user in wanted}
    arenas: dict[int, Arena] = {}
    memberships = (
        Membership.objects.filter(
            user__in=[user.pk for user in wanted],
            banned=False,
            role__in=[Role.CONVENER, Role.FACILITATOR],
            arena__status__in=[Arena.Status.DRAFT, Arena.Status.OPEN],
        )
        .select_related("arena")
        .order_by("arena__title", "arena_id")
    )
    users_by_pk = {user.pk: user for user in wanted}
    for membership in memberships:
        arena = _shared(arenas, membership.arena)
        remember_membership(arena, users_by_pk[membership.user_id], membership)
        by_user[membership.user_id].append(arena)
    for user in wanted:
        user.__dict__["_arenas_facilitated"] = by_user[user.pk]


def memberships_of_many(users) -> dict[int, list[Membership]]:
    """Each reader's memberships (not banned), with their arenas — one object per arena for the batch, the
    membership remembered on it — and their organisation roles, for the parts' digest sections: two
    queries for the batch, read once however many sections ask (kept on the user objects)."""
    wanted = [user for user in users if "_digest_memberships" not in user.__dict__]
    if wanted:
        org_roles_remember(wanted)
        users_by_pk = {user.pk: user for user in wanted}
        by_user: dict[int, list[Membership]] = {user.pk: [] for user in wanted}
        arenas: dict[int, Arena] = {}
        for membership in Membership.objects.filter(user__in=list(users_by_pk), banned=False).select_related(
            "arena"
        ):
            membership.arena = _shared(arenas, membership.arena)
            remember_membership(membership.arena, users_by_pk[membership.user_id], membership)
            by_user[membership.user_id].append(membership)
        for user in wanted:
            user.__dict__["_digest_memberships"] = by_user[user.pk]
    return {user.pk: user.__dict__["_digest_memberships"] for user in users}


def _waiting(arenas: list[Arena], providers: list[WaitingItems]) -> dict | None:
    if not arenas:
        return None
    items = [item for items_of in providers for item in items_of(arenas)]
    return {"title": _("Waiting for you"), "items": items} if items else None


def waiting_for_you(*, user, notifications) -> dict | None:
    arenas = arenas_facilitated_by(user)
    if not arenas:
        return None
    return _waiting(arenas, [provider(arenas) for provider in WAITING_PROVIDERS])


def waiting_for_you_batch(*, users, notifications):
    arenas_facilitated_by_many(users)
    everyone = list({arena.pk: arena for user in users for arena in arenas_facilitated_by(user)}.values())
    providers = [provider(everyone) for provider in WAITING_PROVIDERS] if everyone else []

    def build(*, user, notifications) -> dict | None:
        return _waiting(arenas_facilitated_by(user), providers)

    return build


@waiting_items_register
def membership_waiting(arenas: list[Arena]) -> WaitingItems:
    now = timezone.now()
    counts = (
        Arena.objects.filter(pk__in=[a.pk for a in arenas])
        .annotate(
            requests=Count(
                "join_requests", filter=Q(join_requests__status=JoinRequest.Status.PENDING), distinct=True
            ),
            expiring=Count(
                "invitations",
                filter=Q(
                    invitations__status=Invitation.Status.PENDING,
                    invitations__expires_at__gt=now,
                    invitations__expires_at__lte=now + EXPIRING_WITHIN,
                ),
                distinct=True,
            ),
        )
        .filter(Q(requests__gt=0) | Q(expiring__gt=0))
        .order_by("title")
    )
    waiting = {arena.pk: arena for arena in counts}

    def items_of(theirs: list[Arena]) -> list[dict]:
        mine = {arena.pk for arena in theirs}
        return _membership_items([arena for pk, arena in waiting.items() if pk in mine])

    return items_of


def _membership_items(counts: list[Arena]) -> list[dict]:
    items = []
    for arena in counts:
        members_url = f"{arena.get_absolute_url()}members/"
        if arena.requests:
            items.append(
                {
                    "text": ngettext(
                        "%(arena)s: %(count)d request to join",
                        "%(arena)s: %(count)d requests to join",
                        arena.requests,
                    )
                    % {"arena": arena.title, "count": arena.requests},
                    "url": f"{members_url}#join-requests",
                }
            )
        if arena.expiring:
            items.append(
                {
                    "text": ngettext(
                        "%(arena)s: %(count)d invitation expires within three days",
                        "%(arena)s: %(count)d invitations expire within three days",
                        arena.expiring,
                    )
                    % {"arena": arena.title, "count": arena.expiring},
                    "url": f"{members_url}#invitations",
                }
            )
    return items


digest_section_register(
    DigestSection("arenas.waiting_for_you", order=10, build=waiting_for_you, batch=waiting_for_you_batch)
)
