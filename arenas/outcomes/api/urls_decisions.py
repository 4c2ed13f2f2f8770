"""The decisions part of the outcomes' ``/api/v1/`` (every name starts with ``outcomes-``)."""

from django.urls import path

from . import views_decisions

urlpatterns = [
    path(
        "arenas/<slug:slug>/decisions/",
        views_decisions.DecisionListView.as_view(),
        name="outcomes-decisions",
    ),
]
