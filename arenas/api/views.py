"""``/api/v1/arenas/``: the list, creating an arena, its detail and editing it.

Views parse, call one selector or service, and serialize. Every ``{slug}`` goes through
``arena_get_for_viewer`` (a hidden arena is the same 404 as a missing one) and every refusal comes from
``arenas.rules`` through ``ArenaPolicy``."""

from django.urls import reverse
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, generics, status
from rest_framework.permissions import IsAuthenticatedOrReadOnly
from rest_framework.response import Response

from ..models import Arena
from ..rules import can_create_arena_for
from ..selectors import arena_detail_for_viewer, arena_get_for_viewer, arena_list_for_viewer
from ..services.arenas import arena_create, arena_edit
from .permissions import ArenaPolicy
from .serializers import (
    ArenaCreateSerializer,
    ArenaDetailSerializer,
    ArenaFilterSerializer,
    ArenaListItemSerializer,
    ArenaUpdateSerializer,
)


class ArenaScopedView(generics.GenericAPIView):
    """A view under ``arenas/{slug}/``. Anyone may read what they may see; writing needs a signed-in caller
    (401 otherwise, before anything about the arena is revealed). ``required`` names, per HTTP method, the
    policy permission the request needs beyond seeing the arena."""

    permission_classes = [IsAuthenticatedOrReadOnly, ArenaPolicy]
    required: dict[str, str] = {}

    def arena_permissions(self, request) -> list[str]:
        permission = self.required.get(request.method)
        return [permission] if permission else []

    def authorise(self, arena: Arena) -> None:
        """Check the request's arena permissions against ``arena`` (401/403 with the policy's reason)."""
        self._arena = arena
        self.check_object_permissions(self.request, arena)

    def get_arena(self, *, detail: bool = False) -> Arena:
        """The arena of the URL for this caller: 404 if missing or hidden, 401/403 if the request needs
        more than seeing it."""
        if getattr(self, "_arena", None) is None:
            select = arena_detail_for_viewer if detail else arena_get_for_viewer
            self.authorise(select(slug=self.kwargs["slug"], viewer=self.request.user))
        return self._arena


class ArenaListView(generics.ListAPIView):
    """Arenas the caller may see, newest first. Private and draft arenas are listed only for those who may
    see them; archived ones only with ``status=archived``. Anyone may read; creating needs organisation
    staff (or a site admin)."""

    permission_classes = [IsAuthenticatedOrReadOnly]
    serializer_class = ArenaListItemSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Arena.objects.none()
        filters = ArenaFilterSerializer(data=self.request.query_params)
        filters.is_valid(raise_exception=True)
        params = filters.validated_data
        return arena_list_for_viewer(
            viewer=self.request.user,
            query=params.get("q", "").strip(),
            organisation=params.get("organisation", ""),
            topic=params.get("topic", ""),
            status=params.get("status", ""),
            visibility=params.get("visibility", ""),
        )

    @extend_schema(parameters=[ArenaFilterSerializer])
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    @extend_schema(
        request=ArenaCreateSerializer,
        responses={201: ArenaDetailSerializer},
        description="Open a new arena (as a draft) for an organisation; the caller becomes its convener.",
    )
    def post(self, request, *args, **kwargs):
        serializer = ArenaCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        if not can_create_arena_for(request.user, data["organisation"]):
            raise exceptions.PermissionDenied(
                _("Only the staff and admins of %(organisation)s can create arenas for it.")
                % {"organisation": data["organisation"].name}
            )
        arena = arena_create(creator=request.user, **data)
        arena = arena_detail_for_viewer(slug=arena.slug, viewer=request.user)
        return Response(
            ArenaDetailSerializer(arena, context=self.get_serializer_context()).data,
            status=status.HTTP_201_CREATED,
            headers={"Location": reverse("arena-detail", args=[arena.slug])},
        )


class ArenaDetailView(ArenaScopedView):
    """One arena, by slug: 404 alike for a missing arena and one the caller may not see."""

    serializer_class = ArenaDetailSerializer

    def arena_permissions(self, request) -> list[str]:
        if request.method != "PATCH":
            return []
        fields = set(request.data) if isinstance(request.data, dict) else set()
        needed = []
        if fields - {"status"} or not fields:
            needed.append("arenas.change_arena")
        if "status" in fields:
            needed.append("arenas.change_status")
        return needed

    @extend_schema(responses=ArenaDetailSerializer)
    def get(self, request, slug):
        arena = self.get_arena(detail=True)
        return Response(self.get_serializer(arena).data)

    @extend_schema(
        request=ArenaUpdateSerializer,
        responses=ArenaDetailSerializer,
        description=(
            "Conveners, the organisation's admins and site admins edit the arena. `status` moves it "
            "(draft → open → closed → archived, and back from closed or archived); a closed or archived "
            "arena can only have its status changed."
        ),
    )
    def patch(self, request, slug):
        arena = self.get_arena()
        serializer = ArenaUpdateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        arena_edit(arena=arena, actor=request.user, **serializer.validated_data)
        arena = arena_detail_for_viewer(slug=arena.slug, viewer=request.user)
        return Response(self.get_serializer(arena).data)
