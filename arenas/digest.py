"""The digest's "waiting for you" section for facilitators and conveners.

Each part of the arenas domain contributes its own items through ``waiting_items_register``: membership
adds join requests and invitations about to expire; deliberation adds open flags and busy threads
without a summary.
"""

from collections.abc import Callable
from datetime import timedelta

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from platform_core.notifications.registry import DigestSection, digest_section_register

from .models import Arena, Invitation, JoinRequest, Role

EXPIRING_WITHIN = timedelta(days=3)

# provider(arenas: list[Arena]) -> list of {"text", "url"}; arenas are those the person facilitates.
WAITING_PROVIDERS: list[Callable[[list[Arena]], list[dict]]] = []


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


def waiting_for_you(*, user, notifications) -> dict | None:
    arenas = arenas_facilitated_by(user)
    if not arenas:
        return None
    items = [item for provider in WAITING_PROVIDERS for item in provider(arenas)]
    return {"title": _("Waiting for you"), "items": items} if items else None


@waiting_items_register
def membership_waiting(arenas: list[Arena]) -> list[dict]:
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


digest_section_register(DigestSection("arenas.waiting_for_you", order=10, build=waiting_for_you))
