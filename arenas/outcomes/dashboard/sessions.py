"""Sessions and attendance: how many are upcoming (not cancelled, not over), held (not cancelled, over)
and cancelled (counted in ``tally``), and for the details the last ten held sessions with how many
registered and how many came (one query, counted in subqueries so that registrations and attendance do
not multiply each other)."""

from datetime import datetime

from django.db.models import Case, CharField, Count, IntegerField, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Coalesce

from arenas.sessions.models import Attendance, Registration, Session

from .figures import SessionAttendance, SessionFigures

PAST_SESSIONS = 10
CANCELLED = Q(status=Session.Status.CANCELLED)


def sessions_part(*, arena, now: datetime):
    key = Case(
        When(CANCELLED, then=Value("cancelled")),
        When(ends_at__gte=now, then=Value("upcoming")),
        default=Value("held"),
        output_field=CharField(),
    )
    return Session.objects.filter(arena=arena), key


def _count(model, **filters):
    rows = (
        model.objects.filter(session=OuterRef("pk"), **filters)
        .order_by()
        .values("session")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(rows, output_field=IntegerField()), Value(0))


def session_figures(counts: dict[str, int], *, arena, now: datetime, details: bool) -> SessionFigures | None:
    """None when the arena has no sessions at all (the dashboard then leaves the section out)."""
    if not counts:
        return None
    figures = SessionFigures(
        upcoming=counts.get("upcoming", 0), held=counts.get("held", 0), cancelled=counts.get("cancelled", 0)
    )
    if details:
        past = (
            Session.objects.filter(arena=arena, ends_at__lt=now)
            .exclude(CANCELLED)
            .order_by("-starts_at", "-pk")
            .annotate(
                registered=_count(Registration, status=Registration.Status.REGISTERED),
                attended=_count(Attendance),
            )
            .values_list("pk", "title", "starts_at", "registered", "attended")[:PAST_SESSIONS]
        )
        figures.past = [SessionAttendance(*row) for row in past]
    return figures
