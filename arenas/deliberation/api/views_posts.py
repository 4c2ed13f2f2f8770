"""``/api/v1/threads/{id}/posts/`` and ``/api/v1/posts/{id}/``: reading, writing, endorsing, flagging and
moderating posts.

The posts of a thread are a cursor-paged list by ``number``: a page costs the same few queries on a thread of
ten posts or ten thousand (the thread with its arena, the caller's membership and organisation roles, one
range of posts with their authors, the caller's endorsements among them)."""

from django.urls import reverse
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response

from ..selectors import post_of_thread, thread_posts
from ..services.decisions import moderation_decide
from ..services.moderation import flag_create
from ..services.posts import (
    endorsement_toggle,
    post_create,
    post_delete,
    post_edit,
    post_hide,
    post_unhide,
)
from .base import DeliberationView
from .pagination import PostCursorPagination
from .serializers_posts import (
    EndorsementSerializer,
    FlagCreateSerializer,
    FlagSerializer,
    HideSerializer,
    ModerationDecisionCreateSerializer,
    ModerationDecisionSerializer,
    PostCreateSerializer,
    PostSerializer,
    PostUpdateSerializer,
)


class PostView(DeliberationView):
    serializer_class = PostSerializer

    def post_response(self, post, *, status_code=status.HTTP_200_OK, headers=None) -> Response:
        context = self.post_context(post.thread, [post])
        return Response(PostSerializer(post, context=context).data, status=status_code, headers=headers)


class ThreadPostListView(PostView):
    """A thread's posts, replies included (``parent`` and ``depth`` say where a reply goes), oldest first or
    with ``order=newest`` newest first, 50 a page; follow ``next`` and ``previous``. Posting needs a
    participant (or more) of an open arena, and a thread that is not locked."""

    pagination_class = PostCursorPagination
    required = {"POST": "arenas.contribute"}

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "order",
                str,
                enum=["oldest", "newest"],
                description="oldest (default) or newest first. The cursors in next/previous keep it.",
            )
        ],
        responses=PostSerializer(many=True),
    )
    def get(self, request, thread_id):
        thread = self.get_thread()
        page = self.paginate_queryset(thread_posts(thread=thread))
        context = self.post_context(thread, page)
        return self.get_paginated_response(PostSerializer(page, many=True, context=context).data)

    @extend_schema(request=PostCreateSerializer, responses={201: PostSerializer})
    def post(self, request, thread_id):
        thread = self.get_thread()
        serializer = PostCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        parent = None
        if data["parent"] is not None:
            parent = post_of_thread(thread=thread, post_id=data["parent"])
            if parent is None:
                raise serializers.ValidationError({"parent": [_("There is no such post in this thread.")]})
        post = post_create(
            thread=thread, author=request.user, body=data["body"], stance=data["stance"], parent=parent
        )
        return self.post_response(
            post,
            status_code=status.HTTP_201_CREATED,
            headers={"Location": reverse("post-detail", args=[post.pk])},
        )


class PostDetailView(PostView):
    """One post. Its author edits it (the earlier text is kept) or deletes it (its place and replies stay)."""

    @extend_schema(responses=PostSerializer)
    def get(self, request, post_id):
        return self.post_response(self.get_post())

    @extend_schema(request=PostUpdateSerializer, responses=PostSerializer)
    def patch(self, request, post_id):
        post = self.get_post()
        serializer = PostUpdateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        post = post_edit(post=post, actor=request.user, **serializer.validated_data)
        return self.post_response(post)

    @extend_schema(
        responses={204: OpenApiResponse(description="Deleted: the text is gone, the place stays.")}
    )
    def delete(self, request, post_id):
        post_delete(post=self.get_post(), actor=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


class PostEndorseView(PostView):
    """Endorse the post, or take the endorsement back (each call toggles)."""

    required = {"POST": "arenas.contribute"}

    @extend_schema(request=None, responses=EndorsementSerializer)
    def post(self, request, post_id):
        post = self.get_post()
        endorsed = endorsement_toggle(post=post, user=request.user)
        return Response(
            EndorsementSerializer({"endorsed": endorsed, "endorsements": post.endorsement_count}).data
        )


class PostFlagView(PostView):
    """Flag the post for the arena's facilitators (one open flag per person and post)."""

    required = {"POST": "arenas.flag"}

    @extend_schema(request=FlagCreateSerializer, responses={201: FlagSerializer})
    def post(self, request, post_id):
        post = self.get_post()
        serializer = FlagCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        flag = flag_create(post=post, reporter=request.user, **serializer.validated_data)
        return Response(FlagSerializer(flag).data, status=status.HTTP_201_CREATED)


class PostHideView(PostView):
    """Hide the post (facilitators and conveners): others see that a moderator hid it; its author is told
    why. Its open flags count as acted on."""

    required = {"POST": "arenas.moderate"}

    @extend_schema(request=HideSerializer, responses=PostSerializer)
    def post(self, request, post_id):
        post = self.get_post()
        serializer = HideSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        return self.post_response(post_hide(post=post, actor=request.user, **serializer.validated_data))


class PostDecisionView(PostView):
    """One moderation decision on a flagged post (facilitators and conveners): any of hide, warn and ban
    with one reason, or, with none of them, dismiss its flags. All or nothing: a refused ban (403, e.g. a
    facilitator banning a convener) or a missing reason (400) changes nothing. The banned author is told
    why and by which role, not by whom."""

    required = {"POST": "arenas.moderate"}

    @extend_schema(request=ModerationDecisionCreateSerializer, responses=ModerationDecisionSerializer)
    def post(self, request, post_id):
        post = self.get_post()
        serializer = ModerationDecisionCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        decision = moderation_decide(post=post, actor=request.user, **serializer.validated_data)
        return Response(ModerationDecisionSerializer(decision).data)


class PostUnhideView(PostView):
    """Show a hidden post again (facilitators and conveners)."""

    required = {"POST": "arenas.moderate"}

    @extend_schema(request=None, responses=PostSerializer)
    def post(self, request, post_id):
        return self.post_response(post_unhide(post=self.get_post(), actor=request.user))
