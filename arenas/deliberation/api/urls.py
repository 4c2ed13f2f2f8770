"""Deliberation's part of ``/api/v1/`` (included without a namespace: names start with ``thread-``/``post-``)."""

from django.urls import path

from . import views_posts, views_threads

urlpatterns = [
    path("arenas/<slug:slug>/threads/", views_threads.ThreadListView.as_view(), name="thread-list"),
    path("threads/<int:thread_id>/", views_threads.ThreadDetailView.as_view(), name="thread-detail"),
    path("threads/<int:thread_id>/posts/", views_posts.ThreadPostListView.as_view(), name="thread-posts"),
    path("posts/<int:post_id>/", views_posts.PostDetailView.as_view(), name="post-detail"),
    path("posts/<int:post_id>/endorse/", views_posts.PostEndorseView.as_view(), name="post-endorse"),
    path("posts/<int:post_id>/flags/", views_posts.PostFlagView.as_view(), name="post-flags"),
    path("posts/<int:post_id>/hide/", views_posts.PostHideView.as_view(), name="post-hide"),
    path("posts/<int:post_id>/decision/", views_posts.PostDecisionView.as_view(), name="post-decision"),
    path("posts/<int:post_id>/unhide/", views_posts.PostUnhideView.as_view(), name="post-unhide"),
]
