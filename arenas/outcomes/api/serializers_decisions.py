"""Decisions in the API: what a convener sends to publish one, and the decision as it is read back.
Input and output are separate: a caller names the subject by kind and id, and gets its title and page."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from arenas.api.schema import NamedChoiceField

from ..models import Decision
from ..selectors.decisions import subject_url

MAX_ID = 2**31 - 1  # PostgreSQL's integer: a larger id is refused here, not by the database
SUBJECTS = [("thread", _("A thread (an idea is a thread of kind idea)")), ("prototype", _("A prototype"))]


def outcome_field(**kwargs):
    return NamedChoiceField(choices=Decision.Outcome.choices, enum_name="DecisionOutcomeEnum", **kwargs)


def subject_field(**kwargs):
    return NamedChoiceField(choices=SUBJECTS, enum_name="DecisionSubjectEnum", **kwargs)


class DecisionCreateSerializer(serializers.Serializer):
    subject = subject_field(help_text=_("What the decision answers: a thread or a prototype of the arena."))
    id = serializers.IntegerField(
        min_value=1, max_value=MAX_ID, help_text=_("The thread's or prototype's id.")
    )
    outcome = outcome_field()
    reason = serializers.CharField(
        trim_whitespace=False,
        allow_blank=True,
        help_text=_("Why, for everyone who took part (required, at most 4,000 characters)."),
    )
    review_on = serializers.DateField(
        required=False,
        allow_null=True,
        help_text=_("Optional, not in the past (YYYY-MM-DD): the conveners are reminded on that day."),
    )


class DecisionSerializer(serializers.Serializer):
    """A decision. Expects ``slug`` (the arena's) in the context, for ``url``."""

    id = serializers.IntegerField(read_only=True)
    subject = subject_field(source="subject_kind", read_only=True)
    subject_id = serializers.SerializerMethodField()
    subject_title = serializers.SerializerMethodField()
    outcome = outcome_field(read_only=True)
    reason = serializers.CharField(read_only=True)
    review_on = serializers.DateField(read_only=True, allow_null=True)
    decided_by = serializers.SerializerMethodField(help_text=_("Who decided, by name; null when unknown."))
    created = serializers.DateTimeField(read_only=True)
    url = serializers.SerializerMethodField(help_text=_("The page of what the decision answered."))

    def get_subject_id(self, decision) -> int:
        return decision.thread_id or decision.prototype_id

    def get_subject_title(self, decision) -> str:
        return decision.subject.title

    def get_decided_by(self, decision) -> str | None:
        return decision.decided_by.name if decision.decided_by_id else None

    def get_url(self, decision) -> str:
        return f"{subject_url(decision, slug=self.context['slug'])}#decisions"
