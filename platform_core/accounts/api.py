from allauth.account.adapter import get_adapter
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

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


class MeView(APIView):
    """The signed-in person."""

    @extend_schema(responses=MeSerializer)
    def get(self, request):
        return Response(MeSerializer(request.user).data)
