"""``/api/v1/prototypes/{id}/iterations/``: a prototype's test rounds, by number.

Views parse, call one selector or service, and serialize. The team and the arena's facilitators and
conveners plan and run rounds."""

from drf_spectacular.utils import extend_schema
from rest_framework import generics, status
from rest_framework.response import Response

from ..models import Iteration
from ..selectors.prototype import iteration_by_number, prototype_iterations
from ..services.iterations import iteration_create, iteration_edit
from .base import PrototypeScopedView
from .serializers_iterations import IterationSerializer, IterationUpdateSerializer, IterationWriteSerializer

ONE_RUNNING = (
    "Only one round of a prototype runs at a time: starting a round while another runs is a 400 naming "
    "`status`; closing one (`done`) without `learnings` is a 400 naming `learnings`."
)


class IterationListView(generics.ListAPIView, PrototypeScopedView):
    """The prototype's rounds, by number; the team and the arena's facilitators and conveners add one."""

    serializer_class = IterationSerializer
    work_methods = frozenset({"POST"})

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Iteration.objects.none()
        return prototype_iterations(prototype=self.get_prototype())

    @extend_schema(
        request=IterationWriteSerializer,
        responses={201: IterationSerializer},
        description="Add the next round (numbered 1, 2, …), planned unless `status` says otherwise. "
        + ONE_RUNNING,
    )
    def post(self, request, prototype_id):
        prototype = self.get_prototype()
        serializer = IterationWriteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        iteration = iteration_create(prototype=prototype, actor=request.user, **serializer.validated_data)
        return Response(IterationSerializer(iteration).data, status=status.HTTP_201_CREATED)


class IterationDetailView(PrototypeScopedView):
    """One round, by its number."""

    serializer_class = IterationSerializer
    work_methods = frozenset({"PATCH"})

    def get_iteration(self) -> Iteration:
        return iteration_by_number(prototype=self.get_prototype(), number=self.kwargs["number"])

    @extend_schema(responses=IterationSerializer)
    def get(self, request, prototype_id, number):
        return Response(self.get_serializer(self.get_iteration()).data)

    @extend_schema(
        request=IterationUpdateSerializer,
        responses=IterationSerializer,
        description=(
            "Edit the round; `status` moves it (planned → running → done) after the other fields are saved, "
            "so learnings and status can come together. Finishing a round tells the team and those who "
            "gave feedback. " + ONE_RUNNING
        ),
    )
    def patch(self, request, prototype_id, number):
        iteration = self.get_iteration()
        serializer = IterationUpdateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        iteration_edit(iteration=iteration, actor=request.user, **serializer.validated_data)
        return Response(self.get_serializer(iteration).data)
