"""The deliberation pages. Posts are addressed by their number in the thread (what a reader sees);
the moderation queue addresses posts by id across the arena's threads."""

from django.urls import path

from .views import moderation, posts, thread_actions, threads

app_name = "deliberation"

THREAD = "arenas/<slug:slug>/threads/<int:thread_id>/"
POST = THREAD + "posts/<int:number>/"

urlpatterns = [
    path("arenas/<slug:slug>/threads/", threads.thread_list, name="threads"),
    path("arenas/<slug:slug>/threads/new/", threads.thread_create_view, name="thread-create"),
    path(THREAD, threads.thread_detail, name="thread"),
    path(THREAD + "new-posts/", threads.new_posts, name="new-posts"),
    path(THREAD + "follow/", thread_actions.thread_follow_view, name="thread-follow"),
    path(THREAD + "moderate/", thread_actions.thread_moderate_view, name="thread-moderate"),
    path(THREAD + "summary/", thread_actions.thread_summary_view, name="thread-summary"),
    path(THREAD + "posts/", posts.post_create_view, name="post-create"),
    path(POST + "reply/", posts.post_reply_view, name="post-reply"),
    path(POST + "edit/", posts.post_edit_view, name="post-edit"),
    path(POST + "delete/", posts.post_delete_view, name="post-delete"),
    path(POST + "endorse/", posts.post_endorse_view, name="post-endorse"),
    path(POST + "flag/", posts.post_flag_view, name="post-flag"),
    path(POST + "hide/", posts.post_hide_view, name="post-hide"),
    path(POST + "unhide/", posts.post_unhide_view, name="post-unhide"),
    path("arenas/<slug:slug>/moderation/", moderation.moderation_queue_view, name="moderation"),
    path(
        "arenas/<slug:slug>/moderation/posts/<int:post_id>/decide/",
        moderation.moderation_decide_view,
        name="moderation-decide",
    ),
]
