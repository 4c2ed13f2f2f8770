"""``/api/v1/arenas/{slug}/``: members, invitations, joining and join requests."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import exceptions, generics, status
from rest_framework.parsers import MultiPartParser
from rest_framework.response import Response

from platform_core.api.parsers import SafeJSONParser

from .. import rules
from ..models import Invitation, JoinRequest, Membership, Role
from ..selectors import (
    join_request_get,
    members_listed_for,
    pending_invitations,
    pending_join_request_of,
    pending_join_requests,
)
from ..services.invitation_rows import parse_invitation_rows
from ..services.invitations import invitation_create, invitations_create
from ..services.membership import arena_join, join_request_create, join_request_decide
from .serializers_membership import (
    ArenaJoinSerializer,
    InvitationBulkReportSerializer,
    InvitationBulkSerializer,
    InvitationCreateSerializer,
    InvitationSerializer,
    JoinRequestDecisionSerializer,
    JoinRequestSerializer,
    MemberSerializer,
)
from .views import ArenaScopedView

ERROR = {"$ref": "#/components/schemas/Error"}


class Conflict(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_code = "conflict"
    default_detail = gettext_lazy("This has already been done.")


class MemberListView(generics.ListAPIView, ArenaScopedView):
    """Who is in the arena (members only; everyone else sees the counts on the arena). Emails are listed
    only for callers who may invite people."""

    serializer_class = MemberSerializer
    required = {"GET": "arenas.view_members"}

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Membership.objects.none()
        return members_listed_for(arena=self.get_arena(), viewer=self.request.user)

    def get_serializer_context(self):
        context = super().get_serializer_context()
        if not getattr(self, "swagger_fake_view", False):
            context["show_emails"] = rules.can(
                self.request.user, "arenas.invite_participants", self.get_arena()
            )
        return context


class InvitationListView(generics.ListAPIView, ArenaScopedView):
    """Pending invitations (GET) and inviting one person by email (POST), for facilitators and conveners.
    Facilitators invite participants and observers; conveners any role."""

    serializer_class = InvitationSerializer
    required = {"GET": "arenas.invite_participants", "POST": "arenas.invite_participants"}

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Invitation.objects.none()
        return pending_invitations(arena=self.get_arena())

    @extend_schema(request=InvitationCreateSerializer, responses={201: InvitationSerializer})
    def post(self, request, slug):
        arena = self.get_arena()
        serializer = InvitationCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        if data["role"] not in rules.roles_grantable_by(request.user, arena):
            raise exceptions.PermissionDenied(
                _("You may not invite people as %(role)s: only the arena's conveners can.")
                % {"role": Role(data["role"]).label}
            )
        invitation = invitation_create(arena=arena, actor=request.user, **data)
        return Response(InvitationSerializer(invitation).data, status=status.HTTP_201_CREATED)


class InvitationBulkView(ArenaScopedView):
    """Invite many people at once, as the members page does: a CSV file (multipart ``csv_file``) or pasted
    ``addresses``. Every valid row is invited (201; 200 when no row was); the report lists the rows left out
    and why. A file that cannot be read (a NUL byte, an encoding we do not read) or a list of more than 500
    is a 400 and invites nobody."""

    required = {"POST": "arenas.invite_participants"}
    parser_classes = [MultiPartParser, SafeJSONParser]
    serializer_class = InvitationBulkSerializer  # what OPTIONS describes

    @extend_schema(
        request=InvitationBulkSerializer,
        responses={
            201: OpenApiResponse(InvitationBulkReportSerializer, description="Some or all were invited."),
            200: OpenApiResponse(InvitationBulkReportSerializer, description="No row could be invited."),
        },
    )
    def post(self, request, slug):
        arena = self.get_arena()
        serializer = InvitationBulkSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        source = "csv_file" if data.get("csv_file") is not None else "addresses"
        try:
            rows, _rejected = parse_invitation_rows(text=data["addresses"], csv_file=data.get("csv_file"))
        except ValidationError as exc:
            raise exceptions.ValidationError({source: exc.messages}) from None
        if not rows:
            raise exceptions.ValidationError({source: [_("We found no email addresses in it.")]})
        report = invitations_create(arena=arena, actor=request.user, rows=rows, message=data["message"])
        body = InvitationBulkReportSerializer(report).data
        return Response(body, status=status.HTTP_201_CREATED if report.invited else status.HTTP_200_OK)


class JoinView(ArenaScopedView):
    """Join the arena: a public arena at once (201, the membership); a restricted one by asking, with a
    note for the facilitators (202, the pending request). Private arenas are joined by invitation or join
    link only."""

    serializer_class = ArenaJoinSerializer  # what OPTIONS describes

    @extend_schema(
        request=ArenaJoinSerializer,
        responses={
            201: OpenApiResponse(MemberSerializer, description="Joined (a public arena)."),
            202: OpenApiResponse(JoinRequestSerializer, description="Asked to join (a restricted arena)."),
            409: OpenApiResponse(ERROR, description="Already a member, or already asked to join."),
        },
    )
    def post(self, request, slug):
        arena = self.get_arena()
        serializer = ArenaJoinSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        user = request.user
        if rules.can(user, "arenas.join_arena", arena):
            membership = arena_join(arena=arena, user=user, stakeholder_type=data["stakeholder_type"])
            return Response(MemberSerializer(membership).data, status=status.HTTP_201_CREATED)
        if rules.can(user, "arenas.request_join", arena):
            if pending_join_request_of(arena=arena, user=user):
                raise Conflict(
                    _("You have already asked to join. The facilitators will answer soon."),
                    code="already_requested",
                )
            join_request = join_request_create(arena=arena, user=user, **data)
            return Response(JoinRequestSerializer(join_request).data, status=status.HTTP_202_ACCEPTED)
        raise self.join_refusal(arena, user)

    @staticmethod
    def join_refusal(arena, user) -> exceptions.APIException:
        """Why the policy said no, in the caller's terms."""
        if rules.is_banned.test(user, arena):
            return exceptions.PermissionDenied(_("You have been banned from this arena and cannot rejoin."))
        if not rules.has_no_membership.test(user, arena):
            return Conflict(_("You are already a member of this arena."), code="already_member")
        if not rules.has_no_role.test(user, arena):
            return Conflict(
                _("You already have a role in this arena as an admin; you do not need to join."),
                code="already_member",
            )
        if not rules.arena_is_open.test(user, arena):
            return exceptions.PermissionDenied(
                _("This arena is %(status)s: it takes no new members.")
                % {"status": arena.get_status_display().lower()}
            )
        return exceptions.PermissionDenied(_("This arena is joined by invitation or join link only."))


class JoinRequestListView(generics.ListAPIView, ArenaScopedView):
    """Pending join requests, for facilitators and conveners."""

    serializer_class = JoinRequestSerializer
    required = {"GET": "arenas.invite_participants"}

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return JoinRequest.objects.none()
        return pending_join_requests(arena=self.get_arena())


class JoinRequestDecisionView(ArenaScopedView):
    """Approve (the person becomes a participant) or decline a join request; they are told either way."""

    required = {"POST": "arenas.invite_participants"}
    serializer_class = JoinRequestDecisionSerializer  # what OPTIONS describes

    @extend_schema(request=JoinRequestDecisionSerializer, responses=JoinRequestSerializer)
    def post(self, request, slug, pk):
        arena = self.get_arena()
        join_request = join_request_get(arena=arena, pk=pk)
        serializer = JoinRequestDecisionSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        join_request = join_request_decide(
            join_request=join_request, actor=request.user, approve=serializer.validated_data["approve"]
        )
        return Response(JoinRequestSerializer(join_request).data)
