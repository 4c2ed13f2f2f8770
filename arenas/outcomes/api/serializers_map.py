"""The stakeholder map's API shapes: what a caller sends (the groups) and what it reads back (each group
with its figures, and the types with members the map leaves out)."""

from rest_framework import serializers

from arenas.models import StakeholderType

from ..services.map import DESCRIPTION_MAX, TARGET_MAX, TARGET_MIN


class GroupInputSerializer(serializers.Serializer):
    stakeholder_type = serializers.ChoiceField(choices=StakeholderType.choices)
    description = serializers.CharField(
        max_length=DESCRIPTION_MAX, required=False, allow_blank=True, default=""
    )
    target = serializers.IntegerField(min_value=TARGET_MIN, max_value=TARGET_MAX)


class StakeholderMapInputSerializer(serializers.Serializer):
    groups = GroupInputSerializer(many=True, allow_empty=True)


class GroupFiguresSerializer(serializers.Serializer):
    stakeholder_type = serializers.CharField()
    label = serializers.CharField()
    description = serializers.CharField()
    target = serializers.IntegerField()
    invited = serializers.IntegerField()
    joined = serializers.IntegerField()
    active = serializers.IntegerField(
        help_text="Members who posted, gave feedback or attended in the last 30 days."
    )
    missing = serializers.BooleanField(help_text="True when nobody of this group has joined.")


class OtherTypeSerializer(serializers.Serializer):
    stakeholder_type = serializers.CharField()
    label = serializers.CharField()
    invited = serializers.IntegerField()
    joined = serializers.IntegerField()
    active = serializers.IntegerField()


class StakeholderMapSerializer(serializers.Serializer):
    groups = GroupFiguresSerializer(many=True)
    others = OtherTypeSerializer(
        many=True, help_text="Stakeholder types with members that the map does not name."
    )
