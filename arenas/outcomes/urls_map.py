"""The map routes of the outcomes pages (included by ``urls``, in the ``outcomes`` namespace), and the
printable report's."""

from django.urls import path

from .views import map as views
from .views import report

ARENA = "arenas/<slug:slug>/"

urlpatterns = [
    path(ARENA + "outcomes/map/", views.map_edit_view, name="map-edit"),
    path(ARENA + "outcomes/map/join-link/", views.group_join_link_view, name="map-join-link"),
    path(ARENA + "report/", report.report_view, name="report"),
]
