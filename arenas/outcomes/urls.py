"""The outcomes pages of an arena: its outcomes (the stakeholder map and the decisions), its dashboard,
its open data and its printable report. Each concept keeps its routes in its own module."""

from django.urls import path

from . import urls_dashboard, urls_decisions, urls_export, urls_map
from .views import outcomes_page

app_name = "outcomes"

ARENA = "arenas/<slug:slug>/"

urlpatterns = [
    path(ARENA + "outcomes/", outcomes_page.outcomes_view, name="outcomes"),
    *urls_map.urlpatterns,
    *urls_decisions.urlpatterns,
    *urls_dashboard.urlpatterns,
    *urls_export.urlpatterns,
]
