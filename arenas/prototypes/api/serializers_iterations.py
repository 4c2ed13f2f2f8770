"""A prototype's test rounds (iterations) in the API. Input and output are separate serializers: what a
caller sends is not the shape they get back."""

from django.utils.translation import gettext_lazy
from rest_framework import serializers

from platform_core.api.validation import refuse_unknown_fields

from ..models import Iteration


class IterationSerializer(serializers.ModelSerializer):
    decision = serializers.ChoiceField(
        choices=Iteration.Decision.choices,
        allow_blank=True,
        read_only=True,
        help_text=gettext_lazy("Empty until the round is decided."),
    )

    class Meta:
        model = Iteration
        fields = [
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
            "created",
            "done_at",
        ]
        read_only_fields = fields


class IterationWriteSerializer(serializers.Serializer):
    """A round: what it should find out (``goal``), the test plan (what, where, with whom), dates, and —
    once it ran — its outcome, learnings and decision."""

    goal = serializers.CharField(help_text=gettext_lazy("What this round should find out."))
    test_what = serializers.CharField(required=False, allow_blank=True)
    test_where = serializers.CharField(required=False, allow_blank=True, max_length=200)
    test_with_whom = serializers.CharField(required=False, allow_blank=True, max_length=200)
    start_date = serializers.DateField(required=False, allow_null=True)
    end_date = serializers.DateField(required=False, allow_null=True)
    outcome = serializers.CharField(required=False, allow_blank=True)
    learnings = serializers.CharField(
        required=False, allow_blank=True, help_text=gettext_lazy("Needed before the round is done.")
    )
    decision = serializers.ChoiceField(choices=Iteration.Decision.choices, required=False, allow_blank=True)
    status = serializers.ChoiceField(
        choices=Iteration.Status.choices,
        required=False,
        help_text=gettext_lazy(
            "planned → running → done. Only one round of a prototype runs at a time; a round is done "
            "only with its learnings written down."
        ),
    )


class IterationUpdateSerializer(IterationWriteSerializer):
    """PATCH: any of these; ``status`` moves the round (after the other fields are saved)."""

    goal = serializers.CharField(required=False, help_text=gettext_lazy("What this round should find out."))

    def validate(self, attrs):
        refuse_unknown_fields(self)
        return attrs
