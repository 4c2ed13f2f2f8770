"""``GET /api/v1/search/``: the same search, the same order, as ``/search/`` (``search_for_viewer``)."""

from drf_spectacular.utils import extend_schema
from rest_framework import generics
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.utils.urls import replace_query_param

from ..search import search_for_viewer
from .serializers_search import SearchHitSerializer, SearchPageSerializer, SearchQuerySerializer


class SearchView(generics.GenericAPIView):
    """Arenas, threads, posts and prototypes the caller may see, best match first (title above text, newer
    first on a tie), 20 a page. Hidden posts only for the arena's moderators (marked ``hidden``); deleted
    posts never. ``count`` is left out when more than the newest 1,000 matched."""

    permission_classes = [AllowAny]
    serializer_class = SearchHitSerializer
    pagination_class = None

    @extend_schema(parameters=[SearchQuerySerializer], responses=SearchPageSerializer)
    def get(self, request, *args, **kwargs):
        params = SearchQuerySerializer(data=request.query_params)
        params.is_valid(raise_exception=True)
        data = params.validated_data
        results, _arena = search_for_viewer(
            viewer=request.user,
            query=data["q"],
            kind=data["type"],
            arena_slug=data["arena"],
            page=data["page"],
            language=request.LANGUAGE_CODE,
        )
        here = request.build_absolute_uri()
        body = {
            "next": replace_query_param(here, "page", results.page + 1) if results.has_next else None,
            "previous": (
                replace_query_param(here, "page", results.previous_page_number())
                if results.has_previous
                else None
            ),
            "results": self.get_serializer(results.hits, many=True).data,
        }
        if not results.count_is_floor:
            body = {"count": results.count, **body}
        return Response(body)
