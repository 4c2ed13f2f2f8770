"""The evidence on a prototype in the API: feedback with its summary, indicators and their measurements.
Input and output are separate serializers: what a caller sends is not the shape they get back."""

from django.utils.translation import gettext_lazy
from drf_spectacular.utils import extend_schema_serializer
from rest_framework import serializers

from arenas.api.serializers_membership import PersonSerializer
from arenas.models import StakeholderType

from ..models import Feedback, Indicator, Measurement

# --- feedback ------------------------------------------------------------------------------------------------


class WouldUseCountsSerializer(serializers.Serializer):
    yes = serializers.IntegerField(read_only=True)
    no = serializers.IntegerField(read_only=True)
    unsure = serializers.IntegerField(read_only=True)


class FeedbackSummarySerializer(serializers.Serializer):
    count = serializers.IntegerField(read_only=True)
    mean = serializers.FloatField(
        read_only=True,
        allow_null=True,
        help_text=gettext_lazy("Mean rating, 2 decimals; null without feedback."),
    )
    distribution = serializers.DictField(
        child=serializers.IntegerField(),
        read_only=True,
        help_text=gettext_lazy('Rating ("1" to "5") → how many gave it.'),
    )
    would_use = WouldUseCountsSerializer(read_only=True)
    would_use_share = serializers.FloatField(
        read_only=True,
        allow_null=True,
        help_text=gettext_lazy('Share of "yes" among all answers (0 to 1); null without feedback.'),
    )


class FeedbackSerializer(serializers.ModelSerializer):
    author = PersonSerializer(
        read_only=True, allow_null=True, help_text=gettext_lazy("Null for feedback given on paper.")
    )
    iteration = serializers.IntegerField(
        source="iteration.number",
        read_only=True,
        allow_null=True,
        help_text=gettext_lazy("The round it is about; null for the prototype as a whole."),
    )
    stakeholder_type = serializers.ChoiceField(
        choices=StakeholderType.choices,
        allow_blank=True,
        read_only=True,
        help_text=gettext_lazy("The giver's, for feedback given on paper; empty otherwise."),
    )

    class Meta:
        model = Feedback
        fields = [
            "id",
            "author",
            "entered_offline",
            "stakeholder_type",
            "rating",
            "would_use",
            "comment",
            "iteration",
            "created",
            "updated",
        ]
        read_only_fields = fields


@extend_schema_serializer(many=False)
class FeedbackPageSerializer(serializers.Serializer):
    """One page of feedback, newest first, with the summary of all of it alongside."""

    count = serializers.IntegerField(read_only=True)
    next = serializers.URLField(read_only=True, allow_null=True)
    previous = serializers.URLField(read_only=True, allow_null=True)
    summary = FeedbackSummarySerializer(read_only=True)
    results = FeedbackSerializer(many=True, read_only=True)


class FeedbackFilterSerializer(serializers.Serializer):
    iteration = serializers.IntegerField(
        required=False,
        min_value=1,
        help_text=gettext_lazy("Only the feedback on this round (its number); the summary too."),
    )


class FeedbackCreateSerializer(serializers.Serializer):
    rating = serializers.IntegerField(
        min_value=1,
        max_value=5,
        error_messages={
            "min_value": gettext_lazy("Rate from 1 to 5."),
            "max_value": gettext_lazy("Rate from 1 to 5."),
        },
    )
    would_use = serializers.ChoiceField(
        choices=Feedback.WouldUse.choices, help_text=gettext_lazy("Would you use it?")
    )
    comment = serializers.CharField(required=False, allow_blank=True, default="", max_length=4000)
    iteration = serializers.IntegerField(
        required=False,
        allow_null=True,
        default=None,
        min_value=1,
        help_text=gettext_lazy("The number of the round the feedback is about; leave out for the prototype."),
    )


# --- indicators ----------------------------------------------------------------------------------------------


def number_field(**options):
    return serializers.DecimalField(
        max_digits=14,
        decimal_places=2,
        error_messages={"invalid": gettext_lazy("Enter a number.")},
        **options,
    )


class MeasurementSerializer(serializers.ModelSerializer):
    class Meta:
        model = Measurement
        fields = ["id", "date", "value", "note"]
        read_only_fields = fields


class MeasurementCreateSerializer(serializers.Serializer):
    date = serializers.DateField(help_text=gettext_lazy("When it was measured."))
    value = number_field()
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=300)


class IndicatorSerializer(serializers.ModelSerializer):
    """Expects an indicator from ``selectors.indicators_for`` (``latest``, ``met``, measurements)."""

    latest = serializers.DecimalField(
        max_digits=14,
        decimal_places=2,
        read_only=True,
        allow_null=True,
        help_text=gettext_lazy("The latest measurement; null before the first."),
    )
    met = serializers.BooleanField(
        read_only=True,
        allow_null=True,
        help_text=gettext_lazy("Whether the latest measurement reaches the target (in its direction)."),
    )
    measurements = MeasurementSerializer(many=True, read_only=True)

    class Meta:
        model = Indicator
        fields = ["id", "name", "unit", "baseline", "target", "direction", "latest", "met", "measurements"]
        read_only_fields = fields


class IndicatorCreateSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=120, help_text=gettext_lazy("What you measure."))
    unit = serializers.CharField(required=False, allow_blank=True, default="", max_length=40)
    baseline = number_field()
    target = number_field()
    direction = serializers.ChoiceField(
        choices=Indicator.Direction.choices, required=False, default=Indicator.Direction.HIGHER
    )
