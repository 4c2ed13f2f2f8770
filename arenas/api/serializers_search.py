"""``GET /api/v1/search/``: the query and one hit, as ``/search/`` shows them."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers


class SearchQuerySerializer(serializers.Serializer):
    q = serializers.CharField(
        required=True,
        allow_blank=True,
        trim_whitespace=True,
        help_text=_(
            'What to look for: words, "a phrase", -word to leave a word out, "or" between alternatives.'
        ),
    )
    type = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        help_text=_("Only this kind: arena, thread, post or prototype."),
    )
    arena = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        max_length=100,
        help_text=_("Only in the arena with this slug."),
    )
    page = serializers.IntegerField(required=False, default=1, min_value=1, max_value=9999)


class SearchArenaSerializer(serializers.Serializer):
    slug = serializers.CharField()
    title = serializers.CharField()
    url = serializers.CharField()


class SearchHitSerializer(serializers.Serializer):
    type = serializers.CharField(source="kind.key", help_text=_("arena, thread, post or prototype"))
    id = serializers.IntegerField(source="object_id")
    title = serializers.SerializerMethodField(help_text=_("The title, as plain text."))
    title_html = serializers.CharField(help_text=_("The title as HTML, matches in <mark>."))
    url = serializers.SerializerMethodField()
    excerpt = serializers.CharField(
        source="excerpt_html", help_text=_("Safe HTML: the text around the matches, the matches in <mark>.")
    )
    context = serializers.CharField(source="presented.context")
    hidden = serializers.BooleanField(
        source="presented.restricted", help_text=_("A hidden post, found by one of the arena's moderators.")
    )
    arena = serializers.SerializerMethodField()
    created = serializers.DateTimeField()

    def _absolute(self, path: str) -> str:
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request else path

    def get_title(self, hit) -> str:
        return hit.presented.title

    def get_url(self, hit) -> str:
        return self._absolute(hit.presented.url)

    def get_arena(self, hit) -> SearchArenaSerializer(allow_null=True):
        scope = hit.presented.scope
        if not scope:
            return None
        return {"slug": scope["key"], "title": scope["title"], "url": self._absolute(scope["url"])}


class SearchPageSerializer(serializers.Serializer):
    count = serializers.IntegerField(
        required=False, help_text=_("How many matched; absent when more than the newest 1,000 matched.")
    )
    next = serializers.URLField(allow_null=True)
    previous = serializers.URLField(allow_null=True)
    results = SearchHitSerializer(many=True)
