"""``GET /api/v1/arenas/{slug}/export.json``: the arena's open data as one JSON object, streamed as it is
written — the same tables as the zip (``opendata.tables``), numbers as numbers, times in UTC ISO 8601,
people as pseudonyms. The same policy as the zip (``outcomes.export``): 404 for an arena the caller may not
see, 401 signed out and 403 with the policy's sentence where refused; non-public arenas' downloads audited."""

from django.http import StreamingHttpResponse
from django.utils import translation
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema

from arenas.api.views import ArenaScopedView

from ..opendata.stream import json_chunks
from ..opendata.tables import TABLES
from ..services.export import arena_export_record


class ExportJsonView(ArenaScopedView):
    required = {"GET": "outcomes.export"}

    @extend_schema(
        operation_id="arenas_export_json",
        description=(
            "The arena's open data as one JSON object with a key per table ("
            + ", ".join(table.name for table in TABLES)
            + "): `arena` is an object, every other table a list of rows. People are stable pseudonymous "
            "ids (the same in every table and export of this arena); hidden and deleted posts have an empty "
            "body. Public arenas for anyone; restricted and private ones for facilitators and up (audited)."
        ),
        responses={(200, "application/json"): OpenApiResponse(OpenApiTypes.OBJECT)},
    )
    def get(self, request, slug):
        arena = self.get_arena()
        arena_export_record(arena=arena, actor=request.user, format="json")
        response = StreamingHttpResponse(
            json_chunks(arena, language=translation.get_language()), content_type="application/json"
        )
        response["Cache-Control"] = "private, no-store"
        return response
