"""``/api/v1/arenas/{slug}/decisions/``: the arena's decisions (whoever sees the arena), and publishing one
(conveners). The view parses, finds the subject in the arena (404 when it is not there), calls the
service and serializes; the policy and the validation are the service's."""

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import generics, status
from rest_framework.exceptions import NotFound
from rest_framework.response import Response

from arenas.api.views import ArenaScopedView
from arenas.deliberation.models import Thread
from arenas.prototypes.models import Prototype

from ..models import Decision
from ..selectors.decisions import decisions_of
from ..services.decisions import decision_create
from .serializers_decisions import DecisionCreateSerializer, DecisionSerializer

ERROR = {"$ref": "#/components/schemas/Error"}


class DecisionListView(generics.ListAPIView, ArenaScopedView):
    """The arena's decisions, newest first ("you said, we did")."""

    serializer_class = DecisionSerializer
    required = {"GET": "outcomes.view_outcomes", "POST": "outcomes.decide"}

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Decision.objects.none()
        return decisions_of(arena=self.get_arena(), viewer=self.request.user)

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "slug": self.kwargs.get("slug", "")}

    @extend_schema(
        request=DecisionCreateSerializer,
        responses={
            201: DecisionSerializer,
            400: OpenApiResponse(
                ERROR,
                description=(
                    "The input is not valid: an unknown subject kind or outcome, no reason (or one over "
                    "4,000 characters), a review date in the past."
                ),
            ),
            403: OpenApiResponse(
                ERROR, description="Only the arena's conveners decide (`message` says so), in an open arena."
            ),
            404: OpenApiResponse(
                ERROR,
                description="No such arena for the caller, or no thread or prototype with that id in it.",
            ),
        },
        description=(
            "A convener answers a thread (an idea is a thread of kind `idea`) or a prototype of the arena "
            "with a decision — `adopted`, `adapted`, `declined` or `deferred` — and a reason, with an "
            "optional review date. Everyone who took part is told; on the review date the conveners are "
            "reminded. A subject may be decided again: every decision is kept, the newest is the current one."
        ),
    )
    def post(self, request, slug):
        arena = self.get_arena()
        serializer = DecisionCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        model = Thread if data["subject"] == "thread" else Prototype
        subject = model.objects.filter(pk=data["id"], arena=arena).first()
        if subject is None:
            raise NotFound()
        decision = decision_create(
            arena=arena,
            actor=request.user,
            subject=subject,
            outcome=data["outcome"],
            reason=data["reason"],
            review_on=data.get("review_on"),
        )
        decision = Decision.objects.select_related("thread", "prototype", "decided_by").get(pk=decision.pk)
        return Response(self.get_serializer(decision).data, status=status.HTTP_201_CREATED)
