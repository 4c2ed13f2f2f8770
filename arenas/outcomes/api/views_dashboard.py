"""``GET /api/v1/arenas/{slug}/dashboard/``: the dashboard's figures, for whoever may see the dashboard
(``outcomes.view_dashboard``), with the details for facilitators and up. A hidden arena is the same 404 as a
missing one; a refused caller gets 401 (signed out) or 403 with the policy's sentence."""

from drf_spectacular.utils import extend_schema
from rest_framework.response import Response

from arenas.api.views import ArenaScopedView
from arenas.policy import can

from ..dashboard import dashboard_for
from .serializers_dashboard import DashboardSerializer


class DashboardView(ArenaScopedView):
    required = {"GET": "outcomes.view_dashboard"}
    serializer_class = DashboardSerializer

    @extend_schema(
        responses=DashboardSerializer,
        description=(
            "The arena's dashboard: members over time, the stakeholder mix against the map, posts per week, "
            "sessions, the prototype funnel and decisions by kind (anyone, on a public arena); facilitators "
            "and up also get the voice balance, attendance, feedback scores and indicators (`details`)."
        ),
    )
    def get(self, request, slug):
        arena = self.get_arena()
        details = can(request.user, "outcomes.view_dashboard_details", arena)
        return Response(self.get_serializer(dashboard_for(arena=arena, details=details)).data)
