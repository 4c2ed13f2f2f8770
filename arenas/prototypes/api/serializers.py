"""Prototypes in the API: the list item, the detail, creating and editing one, moving it between stages, and
its timeline. Input and output are separate serializers: what a caller sends is not the shape they get
back. The rounds are in ``serializers_iterations``, feedback and indicators in ``serializers_evidence``."""

from django.utils.translation import gettext_lazy
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from arenas.api.schema import NamedChoiceField
from arenas.api.serializers import StakeholderMixSerializer, topics_field
from arenas.api.serializers_membership import PersonSerializer
from arenas.deliberation.api.sources import SourceFields
from arenas.models import StakeholderType
from platform_core.api.validation import refuse_unknown_fields

from ..models import Prototype, StageTransition, TeamMember
from ..panels import prototype_sources
from ..stages import Stage
from .serializers_evidence import FeedbackSummarySerializer
from .serializers_iterations import IterationSerializer

# --- output ------------------------------------------------------------------------------------------------


def absolute(serializer: serializers.Serializer, path: str) -> str:
    request = serializer.context.get("request")
    return request.build_absolute_uri(path) if request else path


class RunningIterationSerializer(serializers.Serializer):
    number = serializers.IntegerField(read_only=True)
    goal = serializers.CharField(read_only=True)
    start_date = serializers.DateField(read_only=True, allow_null=True)
    end_date = serializers.DateField(read_only=True, allow_null=True)


class PrototypeListItemSerializer(serializers.ModelSerializer):
    """Expects a prototype from the prototypes selectors (team prefetched, ``running_iterations``,
    ``feedback_count``, ``feedback_mean``, ``team_mix``)."""

    arena = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    lead = serializers.SerializerMethodField()
    team_mix = StakeholderMixSerializer(
        many=True, read_only=True, help_text=gettext_lazy("Stakeholder types in the team, most first.")
    )
    running_iteration = serializers.SerializerMethodField(
        help_text=gettext_lazy("The round running now; null when none is.")
    )
    feedback_count = serializers.IntegerField(read_only=True)
    feedback_mean = serializers.FloatField(
        read_only=True, allow_null=True, help_text=gettext_lazy("Mean rating (1–5); null without feedback.")
    )
    url = serializers.SerializerMethodField(help_text=gettext_lazy("The prototype's page on the website."))

    class Meta:
        model = Prototype
        fields = [
            "id",
            "title",
            "summary",
            "stage",
            "arena",
            "lead",
            "team_mix",
            "running_iteration",
            "feedback_count",
            "feedback_mean",
            "url",
            "created",
            "stage_changed_at",
        ]
        read_only_fields = fields

    @extend_schema_field(PersonSerializer(allow_null=True))
    def get_lead(self, prototype):
        lead = next((m for m in prototype.team.all() if m.role == TeamMember.Role.LEAD), None)
        return PersonSerializer(lead.user).data if lead else None

    @extend_schema_field(RunningIterationSerializer(allow_null=True))
    def get_running_iteration(self, prototype):
        running = prototype.running_iterations
        return RunningIterationSerializer(running[0]).data if running else None

    def to_representation(self, prototype):
        data = super().to_representation(prototype)
        if data["feedback_mean"] is not None:
            data["feedback_mean"] = round(data["feedback_mean"], 2)
        return data

    def get_url(self, prototype) -> str:
        return absolute(self, prototype.get_absolute_url())


class TeamMemberSerializer(serializers.Serializer):
    handle = serializers.CharField(source="user.handle", read_only=True)
    display_name = serializers.CharField(source="user.name", read_only=True)
    # A component of its own: "role" is also the arena's role (convener … observer).
    role = NamedChoiceField(choices=TeamMember.Role.choices, enum_name="TeamRoleEnum", read_only=True)
    stakeholder_type = serializers.ChoiceField(
        choices=StakeholderType.choices,
        read_only=True,
        help_text=gettext_lazy("As a member of the arena; other for someone who is not one."),
    )


class SourceThreadSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    title = serializers.CharField(read_only=True)


class SourcePostSerializer(serializers.Serializer):
    """Reads a ``PrototypeSource`` with a post (its thread and post loaded)."""

    id = serializers.IntegerField(source="post_id", read_only=True)
    number = serializers.IntegerField(
        source="post.number", read_only=True, help_text=gettext_lazy("The post's number in its thread.")
    )
    thread = serializers.IntegerField(source="thread_id", read_only=True)
    thread_title = serializers.CharField(source="thread.title", read_only=True)


class PrototypeDetailSerializer(PrototypeListItemSerializer):
    """Expects, besides what a list item needs, ``team_members`` (with ``stakeholder_type``), ``sources``,
    ``feedback_summary``, ``can_change`` and ``allowed_moves`` — set by the view from the selectors and
    the services' policy."""

    topics = serializers.SlugRelatedField(slug_field="name", many=True, read_only=True)
    team = TeamMemberSerializer(source="team_members", many=True, read_only=True)
    feedback = FeedbackSummarySerializer(source="feedback_summary", read_only=True)
    source_threads = serializers.SerializerMethodField(
        help_text=gettext_lazy("The threads the prototype came from.")
    )
    source_posts = serializers.SerializerMethodField(
        help_text=gettext_lazy("The posts the prototype came from.")
    )
    can_change = serializers.BooleanField(
        read_only=True,
        help_text=gettext_lazy("Whether the caller may edit it, plan its rounds and record its indicators."),
    )
    allowed_moves = serializers.ListField(
        child=serializers.ChoiceField(choices=Stage.choices),
        read_only=True,
        help_text=gettext_lazy("The stages the caller may move it to now."),
    )

    class Meta(PrototypeListItemSerializer.Meta):
        fields = [
            *PrototypeListItemSerializer.Meta.fields,
            "problem_addressed",
            "hypothesis",
            "topics",
            "team",
            "feedback",
            "source_threads",
            "source_posts",
            "can_change",
            "allowed_moves",
        ]
        read_only_fields = fields

    @extend_schema_field(SourceThreadSerializer(many=True))
    def get_source_threads(self, prototype):
        threads = {source.thread_id: source.thread for source in prototype.sources_loaded}
        return SourceThreadSerializer(threads.values(), many=True).data

    @extend_schema_field(SourcePostSerializer(many=True))
    def get_source_posts(self, prototype):
        sources = [source for source in prototype.sources_loaded if source.post_id is not None]
        return SourcePostSerializer(sources, many=True).data


class TransitionSerializer(serializers.ModelSerializer):
    from_stage = serializers.SerializerMethodField(
        help_text=gettext_lazy("Null for the first step, when the prototype was created.")
    )
    actor = PersonSerializer(
        read_only=True, allow_null=True, help_text=gettext_lazy("Null for a deleted account.")
    )

    class Meta:
        model = StageTransition
        fields = ["id", "from_stage", "to_stage", "actor", "reason", "created"]
        read_only_fields = fields

    @extend_schema_field(serializers.ChoiceField(choices=Stage.choices, allow_null=True))
    def get_from_stage(self, transition):
        return transition.from_stage or None


class TransitionResultSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True, help_text=gettext_lazy("The prototype."))
    stage = serializers.ChoiceField(
        choices=Stage.choices, read_only=True, help_text=gettext_lazy("The new stage.")
    )
    stage_changed_at = serializers.DateTimeField(read_only=True)
    transition = TransitionSerializer(read_only=True)


class TimelineEventSerializer(serializers.Serializer):
    """One step of the history: a stage move (``transition``), a round added (``iteration``), started
    (``iteration_started``) or done (``iteration_done``, with its learnings and decision)."""

    kind = serializers.ChoiceField(
        choices=[
            ("transition", gettext_lazy("Stage move")),
            ("iteration", gettext_lazy("Round added")),
            ("iteration_started", gettext_lazy("Round started")),
            ("iteration_done", gettext_lazy("Round done")),
        ],
        read_only=True,
    )
    when = serializers.DateTimeField(read_only=True)
    transition = serializers.SerializerMethodField()
    iteration = serializers.SerializerMethodField()

    @extend_schema_field(TransitionSerializer(allow_null=True))
    def get_transition(self, event):
        return TransitionSerializer(event["object"]).data if event["kind"] == "transition" else None

    @extend_schema_field(IterationSerializer(allow_null=True))
    def get_iteration(self, event):
        return IterationSerializer(event["object"]).data if event["kind"] != "transition" else None


# --- input -------------------------------------------------------------------------------------------------


class PrototypeFilterSerializer(serializers.Serializer):
    stage = serializers.ChoiceField(choices=Stage.choices, required=False, allow_blank=True)


def ids_field(help_text):
    return serializers.ListField(
        child=serializers.IntegerField(min_value=1), required=False, max_length=50, help_text=help_text
    )


class PrototypeWriteSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=200)
    summary = serializers.CharField(required=False, allow_blank=True)
    problem_addressed = serializers.CharField(required=False, allow_blank=True)
    hypothesis = serializers.CharField(
        help_text=gettext_lazy("We believe that … will result in … for …; we will know when …")
    )
    topics = topics_field(required=False)
    source_threads = ids_field(gettext_lazy("Ids of threads of the same arena it came from."))
    source_posts = ids_field(gettext_lazy("Ids of posts of the same arena it came from."))


class PrototypeCreateSerializer(SourceFields, PrototypeWriteSerializer):
    """POST: the fields above, and (``SourceFields``) the id of what it came from besides threads."""

    source_registry = prototype_sources
    sources_key = "origins"


class PrototypeUpdateSerializer(PrototypeWriteSerializer):
    """PATCH: any of these. ``source_threads`` and ``source_posts`` add links (existing ones stay)."""

    title = serializers.CharField(max_length=200, required=False)
    hypothesis = serializers.CharField(
        required=False,
        help_text=gettext_lazy("We believe that … will result in … for …; we will know when …"),
    )

    def validate(self, attrs):
        refuse_unknown_fields(self)
        return attrs


class TransitionCreateSerializer(serializers.Serializer):
    to = serializers.ChoiceField(
        choices=Stage.choices,
        help_text=gettext_lazy(
            "idea → design → testing → evaluation → adopted | scaled | paused | abandoned, and back to "
            "design from evaluation or paused. Only conveners decide adopted, scaled and abandoned."
        ),
    )
    reason = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        max_length=4000,
        help_text=gettext_lazy("Required for a decision (adopted, scaled, abandoned)."),
    )
