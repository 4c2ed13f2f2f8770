"""``/api/v1/arenas/{slug}/threads/`` and ``/api/v1/threads/{id}/``: listing, starting and editing threads.

Views parse, call one selector or service, and serialize."""

from django.urls import reverse
from drf_spectacular.utils import extend_schema
from rest_framework import generics, status
from rest_framework.response import Response

from ..models import Thread
from ..selectors import thread_get_by_id_for_viewer, threads_for_arena
from ..services.threads import thread_create, thread_edit
from .base import DeliberationView
from .serializers_threads import (
    ThreadCreateSerializer,
    ThreadDetailSerializer,
    ThreadFilterSerializer,
    ThreadListItemSerializer,
    ThreadUpdateSerializer,
)


class ThreadListView(generics.ListAPIView, DeliberationView):
    """The arena's threads (pinned first, then by latest activity unless ``sort`` says otherwise), and
    starting one (participants, facilitators and conveners of an open arena)."""

    serializer_class = ThreadListItemSerializer
    required = {"POST": "arenas.contribute"}

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Thread.objects.none()
        arena = self.get_arena()
        filters = ThreadFilterSerializer(data=self.request.query_params)
        filters.is_valid(raise_exception=True)
        params = filters.validated_data
        return threads_for_arena(
            arena=arena,
            viewer=self.request.user,
            kind=params.get("kind", ""),
            phase=params.get("phase", "").strip(),
            topic=params.get("topic", "").strip(),
            status=params.get("status", ""),
            query=params.get("q", "").strip(),
            sort=params["sort"],
        )

    def paginate_queryset(self, queryset):
        page = super().paginate_queryset(queryset)
        for thread in page or ():
            thread.arena = self.get_arena()  # the URL's arena: no query per thread for its link
        return page

    @extend_schema(parameters=[ThreadFilterSerializer])
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    @extend_schema(
        request=ThreadCreateSerializer,
        responses={201: ThreadDetailSerializer},
        description=(
            "Start a thread. The arena's members are told; the author follows it. The id of where it came "
            "from (each such field says what it names and who may use it) records the thread's provenance."
        ),
    )
    def post(self, request, slug):
        arena = self.get_arena()
        serializer = ThreadCreateSerializer(data=request.data, context={"arena": arena, "user": request.user})
        serializer.is_valid(raise_exception=True)
        thread = thread_create(arena=arena, author=request.user, **serializer.validated_data)
        thread = thread_get_by_id_for_viewer(thread_id=thread.pk, viewer=request.user, detail=True)
        return Response(
            ThreadDetailSerializer(thread, context=self.get_serializer_context()).data,
            status=status.HTTP_201_CREATED,
            headers={"Location": reverse("thread-detail", args=[thread.pk])},
        )


class ThreadDetailView(DeliberationView):
    """One thread with its facilitator summary: 404 alike for a missing thread and one in an arena the
    caller may not see."""

    serializer_class = ThreadDetailSerializer

    def arena_permissions(self, request) -> list[str]:
        fields = set(request.data) if request.method == "PATCH" and isinstance(request.data, dict) else set()
        return ["arenas.moderate"] if fields & set(ThreadUpdateSerializer.MODERATION) else []

    @extend_schema(responses=ThreadDetailSerializer)
    def get(self, request, thread_id):
        return Response(self.get_serializer(self.get_thread(detail=True)).data)

    @extend_schema(
        request=ThreadUpdateSerializer,
        responses=ThreadDetailSerializer,
        description=(
            "The thread's author edits `title`, `body` and `kind` (facilitators and conveners may too). "
            "Only facilitators and conveners set `locked`, `pinned`, `resolved` and `summary`."
        ),
    )
    def patch(self, request, thread_id):
        thread = self.get_thread()
        serializer = ThreadUpdateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        thread_edit(thread=thread, actor=request.user, **serializer.validated_data)
        thread = thread_get_by_id_for_viewer(thread_id=thread.pk, viewer=request.user, detail=True)
        return Response(self.get_serializer(thread).data)
