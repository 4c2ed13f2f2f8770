"""Posts, endorsements and flags in the API."""

from django.utils.translation import gettext_lazy
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from arenas.api.serializers_membership import PersonSerializer

from ..models import Flag, Post

# --- output ------------------------------------------------------------------------------------------------


class PostSerializer(serializers.ModelSerializer):
    """A post. A deleted one keeps its place in the thread and shows no text; a hidden one shows its text
    and the reason only to those the policy lets read them (its author, the arena's moderators)."""

    # Context: ``endorsed`` (ids of the posts the caller endorses) and ``post_permissions`` (the policy's
    # answers for the caller: ``rules.PostPermissions``).
    author = PersonSerializer(
        read_only=True, allow_null=True, help_text=gettext_lazy("Null for a deleted account.")
    )
    body_html = serializers.SerializerMethodField(
        help_text=gettext_lazy(
            "Sanitised HTML; empty for a deleted post, and for a hidden one unless the caller is its author "
            "or one of the arena's moderators."
        )
    )
    stance = serializers.SerializerMethodField()
    parent = serializers.IntegerField(
        source="parent_id", read_only=True, allow_null=True, help_text=gettext_lazy("The post replied to.")
    )
    endorsements = serializers.IntegerField(source="endorsement_count", read_only=True)
    endorsed = serializers.SerializerMethodField(help_text=gettext_lazy("Whether the caller endorses it."))
    edited = serializers.DateTimeField(
        source="edited_at", read_only=True, allow_null=True, help_text=gettext_lazy("Last edited, or null.")
    )
    hidden = serializers.BooleanField(source="is_hidden", read_only=True)
    hidden_reason = serializers.SerializerMethodField(
        help_text=gettext_lazy(
            "Why a moderator hid the post: shown to its author and the arena's moderators only, else null."
        )
    )
    deleted = serializers.BooleanField(source="is_deleted", read_only=True)

    class Meta:
        model = Post
        fields = [
            "id",
            "number",
            "body_html",
            "author",
            "stance",
            "parent",
            "depth",
            "endorsements",
            "endorsed",
            "created",
            "edited",
            "hidden",
            "hidden_reason",
            "deleted",
        ]
        read_only_fields = fields

    def _reads_hidden(self, post) -> bool:
        return "deliberation.read_hidden_post" in self.context["post_permissions"].of(post)

    def get_body_html(self, post) -> str:
        if post.is_deleted or (post.is_hidden and not self._reads_hidden(post)):
            return ""
        return post.body_html

    @extend_schema_field(serializers.ChoiceField(choices=Post.Stance.choices, allow_null=True))
    def get_stance(self, post):
        return post.stance or None

    def get_endorsed(self, post) -> bool:
        return post.pk in self.context.get("endorsed", ())

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_hidden_reason(self, post):
        if post.is_hidden and self._reads_hidden(post):
            return post.hidden_reason
        return None


class EndorsementSerializer(serializers.Serializer):
    endorsed = serializers.BooleanField(help_text=gettext_lazy("Whether the caller now endorses the post."))
    endorsements = serializers.IntegerField(help_text=gettext_lazy("How many people endorse it."))


class FlagSerializer(serializers.ModelSerializer):
    class Meta:
        model = Flag
        fields = ["id", "reason", "note", "status", "created"]
        read_only_fields = fields


# --- input -------------------------------------------------------------------------------------------------


class PostCreateSerializer(serializers.Serializer):
    body = serializers.CharField(help_text=gettext_lazy("Markdown; @handle mentions someone."))
    stance = serializers.ChoiceField(
        choices=Post.Stance.choices, required=False, allow_blank=True, default=""
    )
    parent = serializers.IntegerField(
        required=False,
        allow_null=True,
        default=None,
        help_text=gettext_lazy(
            "The id of the post this replies to. Replies nest two levels deep; a reply to a second-level "
            "reply joins its level."
        ),
    )


class PostUpdateSerializer(serializers.Serializer):
    body = serializers.CharField(help_text=gettext_lazy("Markdown. The earlier text is kept as a revision."))
    stance = serializers.ChoiceField(
        choices=Post.Stance.choices,
        required=False,
        allow_blank=True,
        help_text=gettext_lazy("Empty for none."),
    )


class FlagCreateSerializer(serializers.Serializer):
    reason = serializers.ChoiceField(choices=Flag.Reason.choices)
    note = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        max_length=1000,
        help_text=gettext_lazy("What is wrong, for the facilitators (required with the reason “other”)."),
    )


class HideSerializer(serializers.Serializer):
    reason = serializers.CharField(
        allow_blank=True, max_length=500, help_text=gettext_lazy("Why: the author is told.")
    )


class ModerationDecisionCreateSerializer(serializers.Serializer):
    hide = serializers.BooleanField(default=False, help_text=gettext_lazy("Hide the post."))
    warn = serializers.BooleanField(default=False, help_text=gettext_lazy("Warn its author."))
    ban = serializers.BooleanField(default=False, help_text=gettext_lazy("Ban its author from the arena."))
    reason = serializers.CharField(
        allow_blank=True,
        default="",
        max_length=500,
        help_text=gettext_lazy(
            "Required with hide, warn or ban: the hide reason, the warning and the ban reason at once. "
            "With none of them, the post's open flags are dismissed."
        ),
    )


class ModerationDecisionSerializer(serializers.Serializer):
    hidden = serializers.BooleanField(help_text=gettext_lazy("The post was hidden by this decision."))
    warned = serializers.BooleanField()
    banned = serializers.BooleanField()
    dismissed = serializers.BooleanField(help_text=gettext_lazy("Only the flags were dismissed."))
    flags_closed = serializers.IntegerField(
        help_text=gettext_lazy("Open flags closed (with a ban: on all the author's posts in the arena).")
    )
