"""``/api/v1/arenas/{slug}/prototypes/`` and ``/api/v1/prototypes/{id}/``: listing, creating and editing
prototypes, moving them between stages, and their timeline.

Views parse, call one selector or service, and serialize. A prototype in an arena the caller may not see is
the same 404 as a missing one; who may do what comes from ``arenas.rules`` and the prototype services."""

from django.urls import reverse
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import generics, status
from rest_framework.response import Response

from arenas.policy import can

from ..models import Prototype
from ..selectors.board import moves_for, prototypes_for_arena, team_mix
from ..selectors.evidence import feedback_summary
from ..selectors.prototype import prototype_by_id_for_viewer, sources_for, team_members_for, timeline
from ..services.prototypes import (
    prototype_create,
    prototype_edit,
    prototype_transition,
)
from .base import PrototypeScopedView
from .serializers import (
    PrototypeCreateSerializer,
    PrototypeDetailSerializer,
    PrototypeFilterSerializer,
    PrototypeListItemSerializer,
    PrototypeUpdateSerializer,
    TimelineEventSerializer,
    TransitionCreateSerializer,
    TransitionResultSerializer,
)

ERROR = {"$ref": "#/components/schemas/Error"}


def prototype_detail_for(*, prototype_id: int, viewer) -> Prototype:
    """The prototype with everything its detail shows, read for ``viewer`` (404 if hidden)."""
    prototype = prototype_by_id_for_viewer(prototype_id=prototype_id, viewer=viewer)
    prototype.team_members = team_members_for(prototype=prototype)
    prototype.sources_loaded = list(sources_for(prototype=prototype))
    prototype.feedback_summary = feedback_summary(prototype=prototype)
    prototype.can_change = can(viewer, "prototypes.change_prototype", prototype)
    prototype.allowed_moves = moves_for(prototype=prototype, viewer=viewer)
    return prototype


class PrototypeListView(generics.ListAPIView, PrototypeScopedView):
    """The arena's prototypes, most recently moved first (``stage`` filters), and creating one
    (participants, facilitators and conveners of an open arena)."""

    serializer_class = PrototypeListItemSerializer
    required = {"POST": "arenas.contribute"}

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Prototype.objects.none()
        arena = self.get_arena()
        filters = PrototypeFilterSerializer(data=self.request.query_params)
        filters.is_valid(raise_exception=True)
        return prototypes_for_arena(arena=arena, stage=filters.validated_data.get("stage", ""))

    def paginate_queryset(self, queryset):
        page = super().paginate_queryset(queryset)
        if page:
            for prototype in page:
                prototype.arena = self.get_arena()
            team_mix(page)
        return page

    @extend_schema(parameters=[PrototypeFilterSerializer])
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    @extend_schema(
        request=PrototypeCreateSerializer,
        responses={201: PrototypeDetailSerializer},
        description=(
            "Start a prototype at the `idea` stage, the caller as its lead, linked to the threads and posts "
            "(of the same arena) it came from."
        ),
    )
    def post(self, request, slug):
        arena = self.get_arena()
        serializer = PrototypeCreateSerializer(
            data=request.data, context={"arena": arena, "user": request.user}
        )
        serializer.is_valid(raise_exception=True)
        prototype = prototype_create(arena=arena, creator=request.user, **serializer.validated_data)
        prototype = prototype_detail_for(prototype_id=prototype.pk, viewer=request.user)
        return Response(
            PrototypeDetailSerializer(prototype, context=self.get_serializer_context()).data,
            status=status.HTTP_201_CREATED,
            headers={"Location": reverse("prototype-detail", args=[prototype.pk])},
        )


class PrototypeDetailView(PrototypeScopedView):
    """One prototype: its hypothesis, team, running round, feedback summary and where it came from."""

    serializer_class = PrototypeDetailSerializer
    work_methods = frozenset({"PATCH"})

    @extend_schema(responses=PrototypeDetailSerializer)
    def get(self, request, prototype_id):
        prototype = prototype_detail_for(prototype_id=prototype_id, viewer=request.user)
        return Response(self.get_serializer(prototype).data)

    @extend_schema(
        request=PrototypeUpdateSerializer,
        responses=PrototypeDetailSerializer,
        description=(
            "The prototype's team and the arena's facilitators and conveners edit it. `source_threads` and "
            "`source_posts` add links to where it came from (the same arena only); the stage moves through "
            "`transitions/`."
        ),
    )
    def patch(self, request, prototype_id):
        prototype = self.get_prototype()
        serializer = PrototypeUpdateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        prototype_edit(prototype=prototype, actor=request.user, **serializer.validated_data)
        prototype = prototype_detail_for(prototype_id=prototype.pk, viewer=request.user)
        return Response(self.get_serializer(prototype).data)


class TransitionView(PrototypeScopedView):
    """Move the prototype to another stage, along the one table of moves (``arenas/prototypes/stages.py``)."""

    serializer_class = TransitionResultSerializer

    @extend_schema(
        request=TransitionCreateSerializer,
        responses={
            200: TransitionResultSerializer,
            400: OpenApiResponse(
                ERROR,
                description=(
                    "The table does not allow the move (for anyone), or a decision has no `reason`."
                ),
            ),
            403: OpenApiResponse(
                ERROR,
                description=(
                    "The caller may not make the move: only the team, facilitators and conveners move a "
                    "prototype; only conveners decide adopted, scaled and abandoned. `message` says which."
                ),
            ),
        },
        description=(
            "The team and the arena's facilitators and conveners move a prototype between idea, design, "
            "testing, evaluation and paused; only conveners (and organisation admins) decide adopted, "
            "scaled and abandoned, each with a reason. The team and those who gave feedback are told; a "
            "decision is also told to every member of the arena."
        ),
    )
    def post(self, request, prototype_id):
        prototype = self.get_prototype()
        serializer = TransitionCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        transition = prototype_transition(
            prototype=prototype, actor=request.user, to_stage=data["to"], reason=data["reason"]
        )
        result = {
            "id": prototype.pk,
            "stage": transition.to_stage,
            "stage_changed_at": transition.created,
            "transition": transition,
        }
        return Response(self.get_serializer(result).data)


class TimelineView(generics.ListAPIView, PrototypeScopedView):
    """The prototype's history, oldest first: every stage move (from, to, who, when, why), every round
    added and every round done (with its learnings and decision)."""

    serializer_class = TimelineEventSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return []
        return timeline(prototype=self.get_prototype())
