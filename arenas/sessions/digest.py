"""The digest's "Upcoming sessions" section: the next seven days' sessions in the person's arenas,
registered or not, in one query per person (rendered in their language and time zone)."""

from datetime import timedelta

from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _

from arenas.models import Membership
from arenas.selectors import arenas_visible_to
from platform_core.notifications.registry import DigestSection, digest_section_register

from .emails import when
from .models import Registration, Session

AHEAD = timedelta(days=7)
SHOWN = 8


def upcoming_sessions(*, user, notifications, now=None) -> dict | None:
    now = now or timezone.now()
    theirs = Membership.objects.filter(arena=OuterRef("arena_id"), user=user, banned=False)
    seated = Registration.objects.filter(
        session=OuterRef("pk"), user=user, status=Registration.Status.REGISTERED
    )
    sessions = (
        Session.objects.filter(
            Exists(theirs),
            arena__in=arenas_visible_to(user),
            status=Session.Status.PLANNED,
            starts_at__gte=now,
            starts_at__lt=now + AHEAD,
        )
        .annotate(registered=Exists(seated))
        .select_related("arena")
        .order_by("starts_at", "pk")[:SHOWN]
    )
    items = [
        {
            "text": (
                _("%(title)s, %(when)s — %(arena)s (you are registered)")
                if session.registered
                else _("%(title)s, %(when)s — %(arena)s")
            )
            % {"title": session.title, "when": when(session), "arena": session.arena.title},
            "url": session.get_absolute_url(),
        }
        for session in sessions
    ]
    return {"title": _("Upcoming sessions"), "items": items} if items else None


digest_section_register(DigestSection("sessions.upcoming", order=20, build=upcoming_sessions))
