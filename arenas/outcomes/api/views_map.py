"""``/api/v1/arenas/{slug}/stakeholder-map/``: reading the map with its figures (whoever sees the arena)
and replacing it (conveners). A hidden arena is the same 404 as a missing one; a refusal is 403 with the
policy's sentence; bad input is 400 in the API's one error shape, with nothing written."""

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.response import Response

from arenas.api.views import ArenaScopedView

from ..people import stakeholder_map_of
from ..services.map import stakeholder_map_set
from .serializers_map import StakeholderMapInputSerializer, StakeholderMapSerializer

ERROR = {"$ref": "#/components/schemas/Error"}


def map_payload(*, arena) -> dict:
    rows = stakeholder_map_of(arena=arena)
    return {
        "groups": [row for row in rows if row.group is not None],
        "others": [row for row in rows if row.group is None],
    }


class StakeholderMapView(ArenaScopedView):
    serializer_class = StakeholderMapSerializer
    required = {"GET": "outcomes.view_outcomes", "PUT": "outcomes.change_map"}

    @extend_schema(
        responses={200: StakeholderMapSerializer, 404: OpenApiResponse(ERROR, description="No such arena.")},
        description=(
            "The groups the arena's conveners declared it needs, in their order, each with how many of "
            "them were invited, have joined and were active in the last 30 days, and whether the group is "
            "missing (nobody joined); then the stakeholder types with members that the map leaves out."
        ),
    )
    def get(self, request, slug):
        arena = self.get_arena()
        return Response(StakeholderMapSerializer(map_payload(arena=arena)).data)

    @extend_schema(
        request=StakeholderMapInputSerializer,
        responses={
            200: StakeholderMapSerializer,
            400: OpenApiResponse(
                ERROR,
                description=(
                    "A group is not valid: an unknown stakeholder type, a type given twice, a target "
                    "outside 1–1,000,000 or a description over 300 characters. `fields` names the row "
                    "(`groups.1.target`). Nothing is changed."
                ),
            ),
            403: OpenApiResponse(ERROR, description="Only the arena's conveners change the map."),
            404: OpenApiResponse(ERROR, description="No such arena."),
        },
        description=(
            "Replace the arena's stakeholder map with `groups`, in that order (conveners). An empty list "
            "clears the map. All of it or nothing."
        ),
    )
    def put(self, request, slug):
        arena = self.get_arena()
        serializer = StakeholderMapInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        stakeholder_map_set(arena=arena, actor=request.user, groups=serializer.validated_data["groups"])
        return Response(StakeholderMapSerializer(map_payload(arena=arena)).data)
