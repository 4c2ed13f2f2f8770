from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import generics, serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from .models import Notification
from .selectors import notifications_for
from .services import notifications_mark_read


class NotificationSerializer(serializers.ModelSerializer):
    verb = serializers.CharField(source="verb_display")
    actor = serializers.CharField(source="actor_name")
    group = serializers.CharField(source="group_key")
    unread = serializers.BooleanField(source="is_unread")

    class Meta:
        model = Notification
        fields = [
            "id",
            "event",
            "actor",
            "verb",
            "target_title",
            "url",
            "group",
            "group_label",
            "created",
            "read_at",
            "unread",
        ]
        read_only_fields = fields


class NotificationListView(generics.ListAPIView):
    """The caller's notifications, newest first."""

    serializer_class = NotificationSerializer

    def get_queryset(self):
        unread = self.request.query_params.get("unread", "").lower() in {"1", "true", "yes"}
        return notifications_for(user=self.request.user, unread_only=unread)

    @extend_schema(parameters=[OpenApiParameter("unread", bool, description="Only unread notifications")])
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


class MarkReadSerializer(serializers.Serializer):
    ids = serializers.ListField(child=serializers.IntegerField(min_value=1), required=False, max_length=1000)
    all = serializers.BooleanField(required=False, default=False)

    def validate(self, attrs):
        if not attrs.get("all") and not attrs.get("ids"):
            raise serializers.ValidationError(_('Send "ids": [...] or "all": true.'))
        return attrs


class MarkReadView(APIView):
    """Mark some, or all, of the caller's notifications as read."""

    @extend_schema(
        request=MarkReadSerializer,
        responses=inline_serializer(
            "MarkReadResponse", {"marked": serializers.IntegerField(), "unread": serializers.IntegerField()}
        ),
    )
    def post(self, request):
        serializer = MarkReadSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        ids = None if serializer.validated_data["all"] else serializer.validated_data["ids"]
        marked = notifications_mark_read(user=request.user, ids=ids)
        unread = notifications_for(user=request.user, unread_only=True).count()
        return Response({"marked": marked, "unread": unread})
