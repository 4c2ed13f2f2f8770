"""The printable report's reads (/arenas/<slug>/report/): the decisions with what they answered, the
prototypes with their rounds and indicators (each with its latest measurement), and the sessions with
their registered and attended counts. A fixed number of queries however much the arena holds; every
figure is counted in SQL."""

from django.db.models import Count, IntegerField, OuterRef, Prefetch, Subquery
from django.db.models.functions import Coalesce

from arenas.prototypes.models import Indicator, Iteration, Measurement, Prototype
from arenas.sessions.models import Attendance, Registration, Session

from .models import Decision


def decisions_for_report(*, arena) -> list[Decision]:
    """Every decision in the arena, newest first, with its subject and who decided (one query)."""
    decisions = list(
        Decision.objects.filter(arena=arena)
        .select_related("thread", "prototype", "decided_by")
        .order_by("-created", "-pk")
    )
    for decision in decisions:  # their links need the arena's slug: the one already read
        for subject in (decision.thread, decision.prototype):
            if subject is not None:
                subject.arena = arena
    return decisions


def prototypes_for_report(*, arena) -> list[Prototype]:
    """The arena's prototypes (oldest first) with their rounds in order and their indicators, each
    annotated with its latest measurement (``latest_value``, ``latest_date``). Three queries."""
    latest = Measurement.objects.filter(indicator=OuterRef("pk")).order_by("-date", "-pk")
    indicators = Indicator.objects.annotate(
        latest_value=Subquery(latest.values("value")[:1]),
        latest_date=Subquery(latest.values("date")[:1]),
    ).order_by("pk")
    prototypes = list(
        Prototype.objects.filter(arena=arena)
        .order_by("created", "pk")
        .prefetch_related(
            Prefetch("iterations", queryset=Iteration.objects.order_by("number", "pk")),
            Prefetch("indicators", queryset=indicators),
        )
    )
    for prototype in prototypes:
        prototype.arena = arena
    return prototypes


def _count(queryset, field: str = "session"):
    """A correlated count per session: counting two relations through joins would multiply them."""
    return Coalesce(
        Subquery(
            queryset.filter(**{field: OuterRef("pk")})
            .order_by()
            .values(field)
            .annotate(n=Count("pk"))
            .values("n")[:1],
            output_field=IntegerField(),
        ),
        0,
    )


def sessions_for_report(*, arena) -> list[Session]:
    """The arena's sessions in time order with ``registered`` (seats taken) and ``attended`` counts
    (one query)."""
    sessions = list(
        Session.objects.filter(arena=arena)
        .annotate(
            registered=_count(Registration.objects.filter(status=Registration.Status.REGISTERED)),
            attended=_count(Attendance.objects.all()),
        )
        .order_by("starts_at", "pk")
    )
    for session in sessions:
        session.arena = arena
    return sessions
