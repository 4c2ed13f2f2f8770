"""Threads in the API: the list item, the detail, and what callers send to filter, start and edit one.
Input and output are separate serializers: what a caller sends is not the shape they get back."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rest_framework import serializers

from arenas.api.serializers import topics_field
from arenas.api.serializers_membership import PersonSerializer
from platform_core.api.validation import refuse_unknown_fields

from ..models import Thread, ThreadSummary
from ..parts import thread_sources
from .sources import SourceFields

# --- output ------------------------------------------------------------------------------------------------


class ThreadListItemSerializer(serializers.ModelSerializer):
    # Expects threads whose ``arena`` is loaded (the link names it).
    author = PersonSerializer(
        read_only=True, allow_null=True, help_text=gettext_lazy("Null for a deleted account.")
    )
    phase = serializers.CharField(source="phase.name", read_only=True, allow_null=True)
    topics = serializers.SlugRelatedField(slug_field="name", many=True, read_only=True)
    has_summary = serializers.SerializerMethodField()
    url = serializers.SerializerMethodField(help_text=gettext_lazy("The thread's page on the website."))

    class Meta:
        model = Thread
        fields = [
            "id",
            "title",
            "kind",
            "phase",
            "topics",
            "author",
            "pinned",
            "locked",
            "resolved",
            "has_summary",
            "post_count",
            "created",
            "last_activity_at",
            "url",
        ]
        read_only_fields = fields

    def get_has_summary(self, thread) -> bool:
        return thread.summary_id is not None

    def get_url(self, thread) -> str:
        path = reverse("deliberation:thread", args=[thread.arena.slug, thread.pk])
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request else path


class ThreadSummarySerializer(serializers.ModelSerializer):
    author = PersonSerializer(read_only=True, allow_null=True)

    class Meta:
        model = ThreadSummary
        fields = ["body_html", "author", "created"]
        read_only_fields = fields


class ThreadDetailSerializer(ThreadListItemSerializer):
    # Expects a thread from ``selectors.thread_get_by_id_for_viewer(detail=True)``.
    arena = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    body = serializers.CharField(read_only=True, help_text=gettext_lazy("Markdown, as written."))
    body_html = serializers.CharField(read_only=True, help_text=gettext_lazy("Sanitised HTML."))
    summary = ThreadSummarySerializer(
        read_only=True,
        allow_null=True,
        help_text=gettext_lazy("The facilitators' latest summary of the conversation, or null."),
    )

    class Meta(ThreadListItemSerializer.Meta):
        fields = [
            "id",
            "arena",
            "title",
            "body",
            "body_html",
            *ThreadListItemSerializer.Meta.fields[2:],
            "summary",
        ]
        read_only_fields = fields


# --- input -------------------------------------------------------------------------------------------------

STATUSES = [
    ("open", gettext_lazy("Open: neither locked nor resolved")),
    ("resolved", gettext_lazy("Resolved")),
    ("locked", gettext_lazy("Locked")),
]
SORTS = [
    ("activity", gettext_lazy("Latest activity first (pinned threads on top)")),
    ("newest", gettext_lazy("Newest first")),
    ("active", gettext_lazy("Most posts first")),
]


class ThreadFilterSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=Thread.Kind.choices, required=False, allow_blank=True)
    phase = serializers.CharField(required=False, allow_blank=True, help_text=gettext_lazy("Phase name."))
    topic = serializers.CharField(required=False, allow_blank=True, help_text=gettext_lazy("Topic slug."))
    status = serializers.ChoiceField(choices=STATUSES, required=False, allow_blank=True)
    q = serializers.CharField(
        required=False, allow_blank=True, help_text=gettext_lazy("Words in the title or text.")
    )
    sort = serializers.ChoiceField(choices=SORTS, required=False, default="activity")


class PhaseByNameField(serializers.CharField):
    """A phase of the arena in the serializer's context, by name (case-insensitive)."""

    def to_internal_value(self, data):
        name = super().to_internal_value(data).strip()
        arena = self.context["arena"]
        for phase in arena.phases.all():  # prefetched with the arena
            if phase.name.lower() == name.lower():
                return phase
        raise serializers.ValidationError(_("This arena has no phase “%(name)s”.") % {"name": name})


class ThreadCreateSerializer(SourceFields, serializers.Serializer):
    """What starts a thread, and (``SourceFields``) the id of what it came from: ``session``…"""

    source_registry = thread_sources

    title = serializers.CharField(max_length=200)
    body = serializers.CharField(
        required=False, allow_blank=True, default="", help_text=gettext_lazy("Markdown.")
    )
    kind = serializers.ChoiceField(choices=Thread.Kind.choices, default=Thread.Kind.DISCUSSION)
    phase = PhaseByNameField(
        required=False,
        allow_null=True,
        default=None,
        help_text=gettext_lazy("A phase of the arena, by name; the current phase when left out."),
    )
    topics = topics_field(required=False, default=list)


class ThreadUpdateSerializer(serializers.Serializer):
    """PATCH: any of these. The author (or a moderator) edits ``title``, ``body`` and ``kind``; only the
    arena's facilitators and conveners set ``locked``, ``pinned``, ``resolved`` and ``summary``."""

    MODERATION = ("locked", "pinned", "resolved", "summary")

    title = serializers.CharField(max_length=200, required=False)
    body = serializers.CharField(required=False, allow_blank=True, help_text=gettext_lazy("Markdown."))
    kind = serializers.ChoiceField(choices=Thread.Kind.choices, required=False)
    locked = serializers.BooleanField(
        required=False, help_text=gettext_lazy("A locked thread takes no posts.")
    )
    pinned = serializers.BooleanField(required=False)
    resolved = serializers.BooleanField(required=False)
    summary = serializers.CharField(
        required=False,
        help_text=gettext_lazy("Markdown: a new version of the summary (earlier versions are kept)."),
    )

    def validate(self, attrs):
        refuse_unknown_fields(self)
        return attrs
