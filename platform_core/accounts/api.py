from allauth.account.adapter import get_adapter
from drf_spectacular.utils import OpenApiResponse, extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.exceptions import APIException
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from platform_core.erasure import AccountDeletionBlocked

from .data_export import data_export_request
from .erasure import account_delete
from .models import User
from .services import api_token_issue


class TokenRequestSerializer(serializers.Serializer):
    email = serializers.EmailField()
    password = serializers.CharField(style={"input_type": "password"}, trim_whitespace=False)


class TokenView(APIView):
    """Exchange an email and password for an API token (``Authorization: Token …``). Rate-limited per
    account and per client address (429 with ``Retry-After``)."""

    authentication_classes = []
    permission_classes = [AllowAny]

    @extend_schema(
        request=TokenRequestSerializer,
        responses=inline_serializer("TokenResponse", {"token": serializers.CharField()}),
        auth=[],
    )
    def post(self, request):
        serializer = TokenRequestSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        token = api_token_issue(
            request=request._request,
            ip=get_adapter().get_client_ip(request._request),
            **serializer.validated_data,
        )
        return Response({"token": token.key})


class MeSerializer(serializers.ModelSerializer):
    class Meta:
        model = User
        fields = ["email", "handle", "display_name", "language", "time_zone"]
        read_only_fields = fields


class HandOverFirst(APIException):
    status_code = status.HTTP_409_CONFLICT
    default_code = "hand_over_first"
    default_detail = "Hand over the arenas you convene alone first."


class AccountDeleteSerializer(serializers.Serializer):
    password = serializers.CharField(style={"input_type": "password"}, trim_whitespace=False)


class MeView(APIView):
    """The signed-in person. ``DELETE`` deletes the account (the password again): what they wrote stays,
    by "Deleted participant"; 409 names the arenas to hand over first."""

    @extend_schema(responses=MeSerializer)
    def get(self, request):
        return Response(MeSerializer(request.user).data)

    @extend_schema(
        request=AccountDeleteSerializer,
        responses={
            204: None,
            409: OpenApiResponse(
                description="The account convenes arenas alone: `error.message` names them."
            ),
        },
    )
    def delete(self, request):
        serializer = AccountDeleteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            account_delete(
                user=request.user, actor=request.user, password=serializer.validated_data["password"]
            )
        except AccountDeletionBlocked as blocked:
            raise HandOverFirst(" ".join(blocked.messages)) from None
        return Response(status=status.HTTP_204_NO_CONTENT)


class DataExportView(APIView):
    """Ask for an archive of everything about you (``POST``, no body): 202, then an email with a link to
    download it, valid for 7 days. One at a time, three a day."""

    @extend_schema(
        request=None,
        responses={202: inline_serializer("DataExportAccepted", {"status": serializers.CharField()})},
    )
    def post(self, request):
        export = data_export_request(user=request.user)
        return Response({"status": export.status}, status=status.HTTP_202_ACCEPTED)
