"""The arenas' part of ``/api/v1/`` (included without a namespace: every name starts with ``arena-``)."""

from django.urls import path

from . import views, views_membership, views_search

urlpatterns = [
    path("search/", views_search.SearchView.as_view(), name="search"),
    path("arenas/", views.ArenaListView.as_view(), name="arena-list"),
    path("arenas/<slug:slug>/", views.ArenaDetailView.as_view(), name="arena-detail"),
    path("arenas/<slug:slug>/members/", views_membership.MemberListView.as_view(), name="arena-members"),
    path(
        "arenas/<slug:slug>/invitations/",
        views_membership.InvitationListView.as_view(),
        name="arena-invitations",
    ),
    path(
        "arenas/<slug:slug>/invitations/bulk/",
        views_membership.InvitationBulkView.as_view(),
        name="arena-invitations-bulk",
    ),
    path("arenas/<slug:slug>/join/", views_membership.JoinView.as_view(), name="arena-join"),
    path(
        "arenas/<slug:slug>/join-requests/",
        views_membership.JoinRequestListView.as_view(),
        name="arena-join-requests",
    ),
    path(
        "arenas/<slug:slug>/join-requests/<int:pk>/decision/",
        views_membership.JoinRequestDecisionView.as_view(),
        name="arena-join-request-decision",
    ),
]
