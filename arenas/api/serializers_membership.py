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


class InvitationBulkSerializer(serializers.Serializer):
    """A list of people to invite: a CSV file (multipart) or pasted text, as on the members page."""

    csv_file = serializers.FileField(
        required=False,
        help_text=_(
            "A CSV file with the columns email, role, stakeholder_type (header optional), separated by "
            "commas or semicolons, in UTF-8 or Windows-1252. Roles and stakeholder types as their codes or "
            "their names in any of the site's languages, in any case. Up to 500 rows."
        ),
    )
    addresses = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        max_length=100_000,
        help_text=_("Or: one address per line, or lines of email,role,stakeholder_type."),
    )
    message = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=2000, help_text=_("A message to everyone.")
    )

    def validate(self, data):
        has_file, has_text = data.get("csv_file") is not None, bool(data["addresses"].strip())
        if has_file and has_text:
            raise serializers.ValidationError(_("Send a CSV file or addresses, not both."))
        if not has_file and not has_text:
            raise serializers.ValidationError(
                {"addresses": [_("Send at least one email address, or a CSV file.")]}
            )
        return data


class RejectedRowSerializer(serializers.Serializer):
    line = serializers.IntegerField(help_text=_("The row's number in the list, without the header line."))
    email = serializers.CharField()
    field = NamedChoiceField(
        choices=["email", "role", "stakeholder_type"],
        enum_name="RejectedRowFieldEnum",
        help_text=_("The column that was not right."),
    )
    reason = serializers.CharField()


class InvitationBulkReportSerializer(serializers.Serializer):
    invited = InvitationSerializer(many=True)
    rejected = RejectedRowSerializer(many=True, help_text=_("The rows left out, and why."))


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
