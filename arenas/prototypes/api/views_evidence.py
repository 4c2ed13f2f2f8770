"""``/api/v1/prototypes/{id}/``: the feedback on it (``feedback/``), its indicators (``indicators/``) and
their measurements.

Views parse, call one selector or service, and serialize. Any participant gives feedback; the team and the
arena's facilitators and conveners record indicators."""

from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import generics, status
from rest_framework.response import Response

from ..models import Feedback, Indicator, Iteration, Measurement
from ..selectors.evidence import (
    feedback_for,
    feedback_given,
    feedback_summary,
    indicator_by_id,
    indicators_for,
    measurements_for,
)
from ..selectors.prototype import iteration_by_number
from ..services.evidence import feedback_submit, indicator_create, measurement_add
from .base import PrototypeScopedView
from .serializers_evidence import (
    FeedbackCreateSerializer,
    FeedbackFilterSerializer,
    FeedbackPageSerializer,
    FeedbackSerializer,
    FeedbackSummarySerializer,
    IndicatorCreateSerializer,
    IndicatorSerializer,
    MeasurementCreateSerializer,
    MeasurementSerializer,
)


def iteration_of(prototype, number: int | None) -> Iteration | None:
    """The prototype's round ``number`` for an input field: a 400 naming ``iteration`` if there is none."""
    if number is None:
        return None
    try:
        return iteration_by_number(prototype=prototype, number=number)
    except Http404:
        raise ValidationError(
            {"iteration": _("This prototype has no round %(number)s.") % {"number": number}}
        ) from None


# --- feedback ------------------------------------------------------------------------------------------------


class FeedbackListView(generics.ListAPIView, PrototypeScopedView):
    """Feedback on the prototype, newest first, with its summary (mean rating, distribution, would-use
    share) alongside; any participant gives feedback — one per person on the prototype and one per round."""

    serializer_class = FeedbackSerializer
    required = {"POST": "arenas.contribute"}

    def get_filter_iteration(self) -> Iteration | None:
        if not hasattr(self, "_filter_iteration"):
            filters = FeedbackFilterSerializer(data=self.request.query_params)
            filters.is_valid(raise_exception=True)
            self._filter_iteration = iteration_of(
                self.get_prototype(), filters.validated_data.get("iteration")
            )
        return self._filter_iteration

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Feedback.objects.none()
        feedback = feedback_for(prototype=self.get_prototype())
        iteration = self.get_filter_iteration()
        return feedback.filter(iteration=iteration) if iteration else feedback

    def get_paginated_response(self, data):
        response = super().get_paginated_response(data)
        summary = feedback_summary(prototype=self.get_prototype(), iteration=self.get_filter_iteration())
        response.data = {
            "count": response.data["count"],
            "next": response.data["next"],
            "previous": response.data["previous"],
            "summary": FeedbackSummarySerializer(summary).data,
            "results": response.data["results"],
        }
        return response

    @extend_schema(
        parameters=[FeedbackFilterSerializer],
        responses=FeedbackPageSerializer,
        description=(
            "A page of feedback, newest first, with `summary` — of all the feedback (or all on the round "
            "given by `iteration`), not only this page — next to `results`."
        ),
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    @extend_schema(
        request=FeedbackCreateSerializer,
        responses={
            201: OpenApiResponse(FeedbackSerializer, description="Feedback given."),
            200: OpenApiResponse(FeedbackSerializer, description="The caller's earlier feedback, edited."),
        },
        description=(
            "Give feedback on the prototype, or on one of its rounds (`iteration`: the round's number). "
            "One per person on the prototype and one per round: giving it again edits it (200)."
        ),
    )
    def post(self, request, prototype_id):
        prototype = self.get_prototype()
        serializer = FeedbackCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        iteration = iteration_of(prototype, data.pop("iteration"))
        earlier = feedback_given(prototype=prototype, author=request.user, iteration=iteration)
        feedback = feedback_submit(prototype=prototype, author=request.user, iteration=iteration, **data)
        return Response(
            FeedbackSerializer(feedback).data,
            status=status.HTTP_200_OK if earlier else status.HTTP_201_CREATED,
        )


# --- indicators ----------------------------------------------------------------------------------------------


class IndicatorListView(generics.ListAPIView, PrototypeScopedView):
    """What the prototype should change, and by how much (public value): name, unit, baseline, target,
    direction and the dated measurements; the team and the arena's facilitators and conveners add one."""

    serializer_class = IndicatorSerializer
    work_methods = frozenset({"POST"})

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Indicator.objects.none()
        return indicators_for(prototype=self.get_prototype())

    @extend_schema(request=IndicatorCreateSerializer, responses={201: IndicatorSerializer})
    def post(self, request, prototype_id):
        prototype = self.get_prototype()
        serializer = IndicatorCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        indicator = indicator_create(prototype=prototype, actor=request.user, **serializer.validated_data)
        indicator.latest = indicator.met = None
        return Response(IndicatorSerializer(indicator).data, status=status.HTTP_201_CREATED)


class MeasurementListView(generics.ListAPIView, PrototypeScopedView):
    """An indicator's measurements, oldest first; the team and the arena's facilitators and conveners add
    one."""

    serializer_class = MeasurementSerializer
    work_methods = frozenset({"POST"})

    def get_indicator(self) -> Indicator:
        return indicator_by_id(prototype=self.get_prototype(), indicator_id=self.kwargs["indicator_id"])

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Measurement.objects.none()
        return measurements_for(indicator=self.get_indicator())

    @extend_schema(request=MeasurementCreateSerializer, responses={201: MeasurementSerializer})
    def post(self, request, prototype_id, indicator_id):
        indicator = self.get_indicator()
        serializer = MeasurementCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        measurement = measurement_add(indicator=indicator, actor=request.user, **serializer.validated_data)
        return Response(MeasurementSerializer(measurement).data, status=status.HTTP_201_CREATED)
