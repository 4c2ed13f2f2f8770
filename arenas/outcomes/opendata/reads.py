"""How each open-data table's rows are read: one ``values_list`` query per table, streamed from a
server-side cursor in chunks of ``CHUNK`` rows, never a query per row. People are user ids here (``tables``
says which columns are people); a hidden or deleted post's text is emptied in the query itself, so it
never leaves the database; online links, walk-ins' names and access needs are never selected."""

from collections.abc import Iterable

from django.db.models import (
    BooleanField,
    Case,
    CharField,
    Count,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    Subquery,
    TextField,
    Value,
    When,
)
from django.db.models.functions import Coalesce, NullIf

from arenas.deliberation.models import Post, Thread
from arenas.models import Arena, Membership, Phase
from arenas.prototypes.models import Feedback, Indicator, Iteration, Measurement, Prototype
from arenas.sessions.models import Attendance, Registration, Session

from ..models import Decision
from ..people import stakeholder_map_of

CHUNK = 2000


def stream(queryset) -> Iterable[tuple]:
    return queryset.iterator(chunk_size=CHUNK)


def count(queryset, outer: str = "pk"):
    """The number of rows of ``queryset`` (filtered on ``OuterRef``) as a subquery, 0 for none."""
    counted = queryset.order_by().values(outer).annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted), Value(0))


def arena(arena):
    return stream(
        Arena.objects.filter(pk=arena.pk).values_list(
            "slug",
            "title",
            "organisation__name",
            "status",
            "visibility",
            "problem_statement",
            "goals",
            "scope",
            "current_phase_id",
            "created",
        )
    )


def phases(arena):
    return stream(
        Phase.objects.filter(arena=arena)
        .annotate(current=ExpressionWrapper(Q(pk=arena.current_phase_id or 0), output_field=BooleanField()))
        .order_by("order")
        .values_list("id", "order", "name", "description", "start_date", "end_date", "current")
    )


def threads(arena):
    return stream(
        Thread.objects.filter(arena=arena)
        .order_by("pk")
        .values_list(
            "id",
            "title",
            "kind",
            "phase_id",
            "author_id",
            "body",
            "created",
            "post_count",
            "locked",
            "resolved",
        )
    )


def posts(arena):
    gone = Q(hidden_at__isnull=False) | Q(deleted_at__isnull=False)
    return stream(
        Post.objects.filter(thread__arena=arena)
        .annotate(
            public_body=Case(When(gone, then=Value("")), default=F("body"), output_field=TextField()),
            is_hidden=ExpressionWrapper(Q(hidden_at__isnull=False), output_field=BooleanField()),
            is_deleted=ExpressionWrapper(Q(deleted_at__isnull=False), output_field=BooleanField()),
        )
        .order_by("thread_id", "number")
        .values_list(
            "id",
            "thread_id",
            "parent_id",
            "number",
            "author_id",
            "stance",
            "public_body",
            "created",
            "edited_at",
            "endorsement_count",
            "is_hidden",
            "is_deleted",
        )
    )


def prototypes(arena):
    return stream(
        Prototype.objects.filter(arena=arena)
        .order_by("pk")
        .values_list(
            "id",
            "title",
            "stage",
            "summary",
            "problem_addressed",
            "hypothesis",
            "created",
            "stage_changed_at",
        )
    )


def rounds(arena):
    return stream(
        Iteration.objects.filter(prototype__arena=arena)
        .order_by("prototype_id", "number")
        .values_list(
            "id",
            "prototype_id",
            "number",
            "goal",
            "test_what",
            "test_where",
            "test_with_whom",
            "start_date",
            "end_date",
            "status",
            "outcome",
            "learnings",
            "decision",
        )
    )


def feedback(arena):
    member_type = Subquery(
        Membership.objects.filter(arena=arena, user=OuterRef("author")).values("stakeholder_type")[:1]
    )
    return stream(
        Feedback.objects.filter(prototype__arena=arena)
        .annotate(
            giver_type=Coalesce(
                NullIf("stakeholder_type", Value("")), member_type, Value(""), output_field=CharField()
            )
        )
        .order_by("pk")
        .values_list(
            "id",
            "prototype_id",
            "iteration__number",
            "author_id",
            "giver_type",
            "rating",
            "would_use",
            "comment",
            "created",
            "entered_offline",
        )
    )


def indicators(arena):
    return stream(
        Indicator.objects.filter(prototype__arena=arena)
        .order_by("pk")
        .values_list("id", "prototype_id", "name", "unit", "baseline", "target", "direction")
    )


def measurements(arena):
    return stream(
        Measurement.objects.filter(indicator__prototype__arena=arena)
        .order_by("indicator_id", "date", "pk")
        .values_list("id", "indicator_id", "date", "value", "note")
    )


def decisions(arena):
    return stream(
        Decision.objects.filter(arena=arena)
        .annotate(
            subject_kind=Case(
                When(thread__isnull=False, then=Value("thread")),
                default=Value("prototype"),
                output_field=CharField(),
            ),
            subject_pk=Coalesce("thread_id", "prototype_id"),
        )
        .order_by("pk")
        .values_list("id", "subject_kind", "subject_pk", "outcome", "reason", "review_on", "created")
    )


def sessions(arena):
    registered = Registration.objects.filter(session=OuterRef("pk"), status=Registration.Status.REGISTERED)
    attended = Attendance.objects.filter(session=OuterRef("pk"))
    return stream(
        Session.objects.filter(arena=arena)
        .annotate(registered=count(registered, "session"), attended=count(attended, "session"))
        .order_by("starts_at", "pk")
        .values_list(
            "id", "kind", "title", "starts_at", "ends_at", "status", "capacity", "registered", "attended"
        )
    )


def participants(arena):
    return stream(
        Membership.objects.filter(arena=arena, banned=False)
        .order_by("created", "pk")
        .values_list("user_id", "stakeholder_type", "role", "created")
    )


def stakeholder_counts(arena):
    return [
        (row.stakeholder_type, row.joined, row.invited, row.active, row.target)
        for row in stakeholder_map_of(arena=arena)
    ]
