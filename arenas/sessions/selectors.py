"""Reading sessions: an arena's list and a session's page, in a fixed number of queries."""

from collections import Counter
from datetime import timedelta

from django.db.models import Count, F, OuterRef, Q, Subquery, Window
from django.db.models.functions import Coalesce, RowNumber
from django.http import Http404
from django.utils import timezone

from arenas.access import remember_membership
from arenas.models import Arena, Membership
from arenas.prototypes.models import Iteration
from arenas.selectors import arena_get_for_viewer, arenas_visible_to

from .models import Registration, Session, SessionOutcome

SEATED = Q(registrations__status=Registration.Status.REGISTERED)
WAITING = Q(registrations__status=Registration.Status.WAITING)


def sessions_of(*, arena, viewer, upcoming: bool | None = None, limit: int | None = None):
    """The arena's sessions with their seat counts and the viewer's own registration (``mine``); the
    first ``limit`` of them when given."""
    # Ordered here: a query that groups (the counts) ignores the model's default ordering.
    sessions = (
        Session.objects.filter(arena=arena)
        .annotate(
            seated=Count("registrations", filter=SEATED), waiting=Count("registrations", filter=WAITING)
        )
        .order_by("starts_at", "pk")
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
    # The mix is counted from the rows just read, not asked of the database again.
    counts = Counter(row.stakeholder_type for row in attendance)
    mix = [
        {"stakeholder_type": kind, "count": n}
        for kind, n in sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    ]
    registrations = list(registrations_of(session=session)) if with_registrations else []
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


def waiting_positions(*, registrations) -> dict[int, int]:
    """Each waiting registration's place on its session's list (1 for the first), in one query however
    many sessions; the same count as ``services.registrations.waiting_position``."""
    waiting = [r.pk for r in registrations if r is not None and r.status == Registration.Status.WAITING]
    if not waiting:
        return {}
    ahead = (
        Registration.objects.filter(
            session_id=OuterRef("session_id"),
            status=Registration.Status.WAITING,
            created__lt=OuterRef("created"),
        )
        .order_by()
        .values("session_id")
        .annotate(n=Count("pk"))
        .values("n")
    )
    rows = Registration.objects.filter(pk__in=waiting).annotate(ahead=Coalesce(Subquery(ahead), 0))
    return {pk: n + 1 for pk, n in rows.values_list("pk", "ahead")}


def registrations_of(*, session: Session):
    """Everyone registered or waiting, seats first then the waiting list in its order, each with its
    ``position`` in its group (for the waiting, their place on the list)."""
    return (
        session.registrations.exclude(status=Registration.Status.CANCELLED)
        .select_related("user")
        .annotate(
            position=Window(
                RowNumber(), partition_by=[F("status")], order_by=[F("created").asc(), F("pk").asc()]
            )
        )
        .order_by("status", "created", "pk")
    )


def outcomes_of(*, session: Session) -> list[SessionOutcome]:
    """What came of the session: the threads and prototypes started from it, oldest first."""
    return list(
        session.outcomes.select_related("thread__arena", "prototype__arena").order_by("created", "pk")
    )


FEED_PAST = timedelta(days=30)


def sessions_in_arenas_of(*, user, since, until=None) -> list[Session]:
    """The sessions (cancelled ones too) of the arenas ``user`` belongs to and may see, ending after
    ``since`` (and starting before ``until``), with each one's arena and the person's own registration
    (``mine``) set: the policy asks nothing more. Four queries, however many arenas and sessions."""
    memberships = {
        m.arena_id: m
        for m in Membership.objects.filter(user=user, banned=False).filter(arena__in=arenas_visible_to(user))
    }
    arenas = {arena.pk: arena for arena in Arena.objects.filter(pk__in=list(memberships))}
    for arena in arenas.values():
        remember_membership(arena, user, memberships[arena.pk])
    sessions = Session.objects.filter(arena_id__in=list(arenas), ends_at__gte=since)
    if until is not None:
        sessions = sessions.filter(starts_at__lt=until)
    sessions = list(sessions.order_by("starts_at", "pk"))
    mine = {
        r.session_id: r for r in Registration.objects.filter(user=user, session__in=[s.pk for s in sessions])
    }
    for session in sessions:
        session.arena = arenas[session.arena_id]
        session.__dict__["mine"] = mine.get(session.pk)
    return sessions


def feed_sessions(*, user, now=None) -> list[Session]:
    """A person's calendar feed: their arenas' sessions, upcoming and of the last 30 days."""
    return sessions_in_arenas_of(user=user, since=(now or timezone.now()) - FEED_PAST)


def round_choices(*, arena):
    """The arena's prototype rounds a session can test, with their prototype."""
    return list(
        Iteration.objects.filter(prototype__arena=arena)
        .select_related("prototype")
        .order_by("prototype__title", "prototype_id", "number")
    )


def minutes_count(*, session) -> int:
    return session.minutes_revisions.count()
