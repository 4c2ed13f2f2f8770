"""What deleting an account means for arenas: an arena's last convener hands over first; the person's
memberships, join requests and the invitations addressed to them go, and those they sent and nobody
answered are revoked (a deleted account invites nobody)."""

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from platform_core.erasure import Eraser, eraser_register
from platform_core.exports import Exporter, exporter_register, rows_of

from .models import Arena, Invitation, JoinRequest, Membership, Role
from .page_cache import arena_pages_changed


def last_convened(user) -> list[Arena]:
    """Arenas (not archived away) that would be left without a convener."""
    convened = Membership.objects.filter(user=user, role=Role.CONVENER, banned=False).values("arena_id")
    return list(
        Arena.objects.filter(pk__in=convened)
        .annotate(
            conveners=Count(
                "memberships",
                filter=Q(memberships__role=Role.CONVENER, memberships__banned=False)
                & ~Q(memberships__user=user),
            )
        )
        .filter(conveners=0)
        .order_by("title")
    )


def blockers(user) -> list[str]:
    arenas = last_convened(user)
    if not arenas:
        return []
    return [
        _("You are the last convener of %(arenas)s. Make someone else a convener there first.")
        % {"arenas": ", ".join(f"“{arena.title}”" for arena in arenas)}
    ]


def erase(user, traces) -> None:
    for arena in Arena.objects.filter(memberships__user=user).only("slug"):  # one member fewer
        arena_pages_changed(arena)
    Membership.objects.filter(user=user).delete()
    JoinRequest.objects.filter(user=user).delete()
    addressed = Q(pk__in=[])
    for email in traces.emails:
        addressed |= Q(email__iexact=email)
    Invitation.objects.filter(addressed).delete()
    Invitation.objects.filter(invited_by=user, status=Invitation.Status.PENDING).update(
        status=Invitation.Status.REVOKED
    )


def retained() -> Q:
    """Conveners and facilitators are never deleted for inactivity while they hold the role."""
    return Q(arena_memberships__role__in=[Role.CONVENER, Role.FACILITATOR], arena_memberships__banned=False)


eraser_register(Eraser(key="arenas", erase=erase, blockers=blockers, retained=retained))


def tables(user) -> dict:
    return {
        "memberships": rows_of(
            Membership.objects.filter(user=user).order_by("created"),
            ["arena__title", "arena__slug", "role", "stakeholder_type", "banned", "ban_reason", "created"],
        ),
        "join_requests": rows_of(
            JoinRequest.objects.filter(user=user), ["arena__title", "note", "stakeholder_type", "status"]
        ),
        "invitations_received": rows_of(
            Invitation.objects.filter(email__iexact=user.email),
            ["arena__title", "email", "role", "message", "status", "created"],
        ),
        "invitations_sent": rows_of(
            Invitation.objects.filter(invited_by=user),
            ["arena__title", "email", "role", "message", "status", "created"],
        ),
    }


exporter_register(Exporter(key="arenas", tables=tables))
