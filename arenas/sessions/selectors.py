"""Reading sessions: an arena's list and a session's page, in a fixed number of queries."""

from django.db.models import Count, Q
from django.http import Http404
from django.utils import timezone

from arenas.prototypes.models import Iteration
from arenas.selectors import arena_get_for_viewer

from .models import Registration, Session

SEATED = Q(registrations__status=Registration.Status.REGISTERED)
WAITING = Q(registrations__status=Registration.Status.WAITING)


def sessions_of(*, arena, viewer, upcoming: bool | None = None, limit: int | None = None):
    """The arena's sessions with their seat counts and the viewer's own registration (``mine``); the
    first ``limit`` of them when given."""
    sessions = Session.objects.filter(arena=arena).annotate(
        seated=Count("registrations", filter=SEATED), waiting=Count("registrations", filter=WAITING)
    )
    now = timezone.now()
    if upcoming is True:
        sessions = sessions.filter(ends_at__gte=now).order_by("starts_at", "pk")
    elif upcoming is False:
        sessions = sessions.filter(ends_at__lt=now).order_by("-starts_at", "-pk")
    sessions = list(sessions[:limit] if limit else sessions)
    mine = {}
    if getattr(viewer, "is_authenticated", False) and sessions:
        mine = {
            r.session_id: r
            for r in Registration.objects.filter(user=viewer, session__in=[s.pk for s in sessions])
        }
    for session in sessions:
        session.arena = arena
        session.__dict__["mine"] = mine.get(session.pk)
    return sessions


def session_page(*, session, viewer, with_registrations: bool):
    """What a session's page shows: counts, the viewer's registration, attendance and its mix, and (for
    facilitators) everyone registered with their access needs."""
    counts = session.registrations.aggregate(
        seated=Count("pk", filter=Q(status=Registration.Status.REGISTERED)),
        waiting=Count("pk", filter=Q(status=Registration.Status.WAITING)),
    )
    session.seated, session.waiting = counts["seated"], counts["waiting"]
    if getattr(viewer, "is_authenticated", False):
        session.__dict__["mine"] = session.registrations.filter(user=viewer).first()
    else:
        session.__dict__["mine"] = None
    attendance = list(session.attendance.select_related("user").order_by("created", "pk"))
    mix = list(
        session.attendance.values("stakeholder_type")
        .annotate(count=Count("pk"))
        .order_by("-count", "stakeholder_type")
    )
    registrations = []
    if with_registrations:
        registrations = list(
            session.registrations.exclude(status=Registration.Status.CANCELLED)
            .select_related("user")
            .order_by("status", "created", "pk")
        )
    return {"attendance": attendance, "mix": mix, "registrations": registrations}


def session_get_for_viewer(*, slug: str, session_id: int, viewer) -> Session:
    """The session of an arena the viewer may see; 404 otherwise (a hidden arena is the same as none)."""
    arena = arena_get_for_viewer(slug=slug, viewer=viewer)
    session = (
        Session.objects.filter(pk=session_id, arena=arena).select_related("iteration__prototype").first()
    )
    if session is None:
        raise Http404
    session.arena = arena
    return session


def session_by_id_for_viewer(*, session_id: int, viewer) -> Session:
    """For the API: the session, or 404 — the same when its arena is hidden from the viewer."""
    slug = Session.objects.filter(pk=session_id).values_list("arena__slug", flat=True).first()
    if slug is None:
        raise Http404
    return session_get_for_viewer(slug=slug, session_id=session_id, viewer=viewer)


def round_choices(*, arena):
    """The arena's prototype rounds a session can test, with their prototype."""
    return list(
        Iteration.objects.filter(prototype__arena=arena)
        .select_related("prototype")
        .order_by("prototype__title", "prototype_id", "number")
    )


def outcomes_of(*, session):
    """What came of the session: the threads and prototypes started from its minutes."""
    return list(session.outcomes.select_related("thread", "prototype").order_by("created", "pk"))


def minutes_count(*, session) -> int:
    return session.minutes_revisions.count()
