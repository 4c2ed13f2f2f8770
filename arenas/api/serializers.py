"""Arenas in the API: the list item, the detail, and what callers send to create, filter and edit one.
Input and output are separate serializers: what a caller sends is not the shape they get back."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from platform_core.organisations.models import Organisation

from ..access import membership_of
from ..models import Arena, Phase, Playbook, Role
from ..rules import ARENA_TABLE, can
from .schema import NamedChoiceField

# --- output ------------------------------------------------------------------------------------------------


class OrganisationRefSerializer(serializers.Serializer):
    slug = serializers.SlugField(read_only=True)
    name = serializers.CharField(read_only=True)


class ArenaListItemSerializer(serializers.ModelSerializer):
    organisation = OrganisationRefSerializer(read_only=True)
    status = NamedChoiceField(choices=Arena.Status.choices, enum_name="ArenaStatusEnum", read_only=True)
    current_phase = serializers.CharField(source="current_phase.name", allow_null=True, read_only=True)
    topics = serializers.SlugRelatedField(slug_field="name", many=True, read_only=True)
    member_count = serializers.IntegerField(
        read_only=True, help_text=_("Members, banned people not counted.")
    )
    url = serializers.SerializerMethodField(help_text=_("The arena's page on the website."))

    class Meta:
        model = Arena
        fields = [
            "slug",
            "title",
            "organisation",
            "visibility",
            "status",
            "current_phase",
            "topics",
            "member_count",
            "url",
            "created",
        ]
        read_only_fields = fields

    def get_url(self, arena) -> str:
        request = self.context.get("request")
        path = arena.get_absolute_url()
        return request.build_absolute_uri(path) if request else path


class PhaseSerializer(serializers.ModelSerializer):
    current = serializers.BooleanField(read_only=True)

    class Meta:
        model = Phase
        fields = ["name", "start_date", "end_date", "current"]
        read_only_fields = fields


class StakeholderMixSerializer(serializers.Serializer):
    type = serializers.CharField(read_only=True)
    label = serializers.CharField(read_only=True)
    count = serializers.IntegerField(read_only=True)


PERMISSIONS_SCHEMA = {
    "type": "object",
    "description": "What the caller may do in this arena, by permission of the policy (arenas.rules).",
    "properties": {name: {"type": "boolean"} for name in ARENA_TABLE},
    "required": list(ARENA_TABLE),
}


class ArenaDetailSerializer(ArenaListItemSerializer):
    """Expects an arena from ``selectors.arena_detail_for_viewer`` (``stakeholder_mix``, ``member_count``)."""

    phases = serializers.SerializerMethodField()
    stakeholder_mix = StakeholderMixSerializer(many=True, read_only=True)
    your_role = serializers.SerializerMethodField(
        help_text=_('The caller\'s role here; "banned" for a banned member; null for anyone without one.')
    )
    permissions = serializers.SerializerMethodField()

    class Meta(ArenaListItemSerializer.Meta):
        fields = [
            *ArenaListItemSerializer.Meta.fields,
            "problem_statement",
            "problem_statement_html",
            "goals",
            "goals_html",
            "scope",
            "phases",
            "stakeholder_mix",
            "your_role",
            "permissions",
        ]
        read_only_fields = fields

    @extend_schema_field(PhaseSerializer(many=True))
    def get_phases(self, arena):
        phases = list(arena.phases.all())  # prefetched, in order
        for phase in phases:
            phase.current = phase.pk == arena.current_phase_id
        return PhaseSerializer(phases, many=True).data

    @extend_schema_field(
        serializers.ChoiceField(choices=[*Role.values, "banned"], allow_null=True, read_only=True)
    )
    def get_your_role(self, arena):
        membership = membership_of(self.context["request"].user, arena)
        if membership is None:
            return None
        return "banned" if membership.banned else membership.role

    @extend_schema_field(PERMISSIONS_SCHEMA)
    def get_permissions(self, arena):
        user = self.context["request"].user
        return {name: can(user, name, arena) for name in ARENA_TABLE}


# --- input -------------------------------------------------------------------------------------------------


class ArenaFilterSerializer(serializers.Serializer):
    q = serializers.CharField(required=False, allow_blank=True, help_text=_("Words in the title or problem."))
    organisation = serializers.CharField(required=False, allow_blank=True, help_text=_("Organisation slug."))
    topic = serializers.CharField(required=False, allow_blank=True, help_text=_("Topic slug."))
    status = serializers.ChoiceField(
        choices=Arena.Status.choices,
        required=False,
        allow_blank=True,
        help_text=_("Archived arenas are listed only with status=archived."),
    )
    visibility = serializers.ChoiceField(choices=Arena.Visibility.choices, required=False, allow_blank=True)


def topics_field(**options):
    return serializers.ListField(
        child=serializers.CharField(max_length=60), max_length=20, help_text=_("Topic names."), **options
    )


class ArenaCreateSerializer(serializers.Serializer):
    organisation = serializers.SlugRelatedField(
        slug_field="slug",
        queryset=Organisation.objects.all(),
        error_messages={"does_not_exist": _("There is no organisation “{value}”.")},
    )
    title = serializers.CharField(max_length=200)
    problem_statement = serializers.CharField(help_text=_("Markdown."))
    visibility = serializers.ChoiceField(choices=Arena.Visibility.choices)
    goals = serializers.CharField(required=False, allow_blank=True, default="", help_text=_("Markdown."))
    scope = serializers.CharField(required=False, allow_blank=True, default="", max_length=200)
    topics = topics_field(required=False, default=list)
    playbook = serializers.SlugRelatedField(
        slug_field="slug",
        queryset=Playbook.objects.all(),
        required=False,
        allow_null=True,
        default=None,
        error_messages={"does_not_exist": _("There is no playbook “{value}” for this organisation.")},
        help_text=_("A shipped playbook or one of the organisation's own (slug)."),
    )

    def validate(self, attrs):
        playbook = attrs.get("playbook")
        if playbook and playbook.organisation_id not in (None, attrs["organisation"].pk):
            message = self.fields["playbook"].error_messages["does_not_exist"].format(value=playbook.slug)
            raise serializers.ValidationError({"playbook": [message]})
        return attrs


class ArenaUpdateSerializer(serializers.Serializer):
    """PATCH: any of these. ``status`` moves the arena (draft → open → closed → archived and back)."""

    title = serializers.CharField(max_length=200, required=False)
    problem_statement = serializers.CharField(required=False, help_text=_("Markdown."))
    goals = serializers.CharField(required=False, allow_blank=True, help_text=_("Markdown."))
    scope = serializers.CharField(required=False, allow_blank=True, max_length=200)
    visibility = serializers.ChoiceField(choices=Arena.Visibility.choices, required=False)
    topics = topics_field(required=False)
    status = NamedChoiceField(choices=Arena.Status.choices, enum_name="ArenaStatusEnum", required=False)

    def validate(self, attrs):
        unknown = sorted(set(self.initial_data) - set(self.fields))
        if unknown:
            raise serializers.ValidationError({name: [_("This cannot be changed here.")] for name in unknown})
        if not attrs:
            raise serializers.ValidationError(_("Send at least one field to change."))
        return attrs
