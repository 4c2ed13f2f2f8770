"""The digest's "waiting for you" section for facilitators and conveners (later issues add flags and
threads without a summary)."""

from datetime import timedelta

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from platform_core.notifications.registry import DigestSection, digest_section_register

from .models import Arena, Invitation, JoinRequest, Role

EXPIRING_WITHIN = timedelta(days=3)


def waiting_for_you(*, user, notifications) -> dict | None:
    now = timezone.now()
    arenas = (
        Arena.objects.filter(
            memberships__user=user,
            memberships__banned=False,
            memberships__role__in=[Role.CONVENER, Role.FACILITATOR],
            status__in=[Arena.Status.DRAFT, Arena.Status.OPEN],
        )
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
    for arena in arenas:
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
    return {"title": _("Waiting for you"), "items": items} if items else None


digest_section_register(DigestSection("arenas.waiting_for_you", order=10, build=waiting_for_you))
