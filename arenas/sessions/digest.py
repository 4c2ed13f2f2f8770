"""The digest's "Upcoming sessions" section: the next seven days' sessions in the person's arenas,
registered or not, in one query per person or four per batch (rendered in their language and time zone)."""

from datetime import timedelta

from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _

from arenas.digest import memberships_of_many
from arenas.models import Membership
from arenas.policy import can
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
    return _section(sessions)


def _section(sessions) -> dict | None:
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


def upcoming_sessions_batch(*, users, notifications, now=None):
    """For a batch: the readers' memberships and organisation roles (shared with the other sections), the
    week's planned sessions in their arenas and the readers' seats in them; the arenas each may see are
    the policy's answer (``arenas.view_arena``), as ``arenas_visible_to`` is kept equal to it."""
    now = now or timezone.now()
    memberships = memberships_of_many(users)
    arenas = {m.arena_id: m.arena for ms in memberships.values() for m in ms}
    sessions, seated = [], set()
    if arenas:
        sessions = list(
            Session.objects.filter(
                arena_id__in=list(arenas),
                status=Session.Status.PLANNED,
                starts_at__gte=now,
                starts_at__lt=now + AHEAD,
            ).order_by("starts_at", "pk")
        )
    if sessions:
        seated = set(
            Registration.objects.filter(
                session__in=[s.pk for s in sessions],
                user__in=[user.pk for user in users],
                status=Registration.Status.REGISTERED,
            ).values_list("session_id", "user_id")
        )
    for session in sessions:
        session.arena = arenas[session.arena_id]

    def build(*, user, notifications) -> dict | None:
        visible = {
            m.arena_id for m in memberships.get(user.pk, []) if can(user, "arenas.view_arena", m.arena)
        }
        shown = [s for s in sessions if s.arena_id in visible][:SHOWN]
        for session in shown:
            session.registered = (session.pk, user.pk) in seated  # this reader's: the object is shared
        return _section(shown)

    return build


digest_section_register(
    DigestSection("sessions.upcoming", order=20, build=upcoming_sessions, batch=upcoming_sessions_batch)
)
