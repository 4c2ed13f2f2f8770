"""The session pages."""

from django.urls import path

from .views import pages

app_name = "sessions"

ARENA = "arenas/<slug:slug>/sessions/"
SESSION = ARENA + "<int:session_id>/"

urlpatterns = [
    path(SESSION, pages.session_detail, name="detail"),
]
