"""The arenas app's pages. Split by area: ``urls_pages`` (directory, arena, settings, organisation) and
``urls_members`` (members, invitations, join links)."""

from django.urls import include, path

app_name = "arenas"

urlpatterns = [
    path("", include("arenas.urls_pages")),
    path("", include("arenas.urls_members")),
]
