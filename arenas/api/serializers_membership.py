"""Membership in the API: members, invitations, joining and join requests."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from ..models import Invitation, JoinRequest, Membership, Role, StakeholderType
from .schema import NamedChoiceField

# --- output ------------------------------------------------------------------------------------------------


class MemberSerializer(serializers.ModelSerializer):
    """``email`` is there only for callers who may invite people (context ``show_emails``)."""

    handle = serializers.CharField(source="user.handle", read_only=True)
    display_name = serializers.CharField(source="user.name", read_only=True)
    joined = serializers.DateTimeField(source="created", read_only=True)
    # Not read-only so that the schema marks it optional: it is left out for most callers.
    email = serializers.EmailField(
        source="user.email", required=False, help_text=_("Only for those who may invite people.")
    )

    class Meta:
        model = Membership
        fields = ["handle", "display_name", "role", "stakeholder_type", "joined", "email"]
        read_only_fields = ["role", "stakeholder_type"]

    def to_representation(self, instance):
        data = super().to_representation(instance)
        if not self.context.get("show_emails"):
            del data["email"]
        return data


class InvitationSerializer(serializers.ModelSerializer):
    status = NamedChoiceField(
        choices=Invitation.Status.choices, enum_name="InvitationStatusEnum", read_only=True
    )

    class Meta:
        model = Invitation
        fields = ["id", "email", "role", "stakeholder_type", "status", "expires_at"]
        read_only_fields = fields


class PersonSerializer(serializers.Serializer):
    handle = serializers.CharField(read_only=True)
    display_name = serializers.CharField(source="name", read_only=True)


class JoinRequestSerializer(serializers.ModelSerializer):
    user = PersonSerializer(read_only=True)
    status = NamedChoiceField(
        choices=JoinRequest.Status.choices, enum_name="JoinRequestStatusEnum", read_only=True
    )

    class Meta:
        model = JoinRequest
        fields = ["id", "user", "note", "stakeholder_type", "status", "created", "decided_at"]
        read_only_fields = fields


# --- input -------------------------------------------------------------------------------------------------


class InvitationCreateSerializer(serializers.Serializer):
    email = serializers.EmailField()
    role = serializers.ChoiceField(
        choices=Role.choices,
        default=Role.PARTICIPANT,
        help_text=_("Facilitators invite participants and observers; conveners invite any role."),
    )
    stakeholder_type = serializers.ChoiceField(
        choices=StakeholderType.choices, default=StakeholderType.RESIDENT
    )
    message = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=2000, help_text=_("A personal message.")
    )


class ArenaJoinSerializer(serializers.Serializer):
    note = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        max_length=1000,
        help_text=_("Restricted arenas: a short note for the facilitators who decide."),
    )
    stakeholder_type = serializers.ChoiceField(
        choices=StakeholderType.choices, default=StakeholderType.RESIDENT
    )


class JoinRequestDecisionSerializer(serializers.Serializer):
    approve = serializers.BooleanField(help_text=_("true to let them in, false to decline."))
