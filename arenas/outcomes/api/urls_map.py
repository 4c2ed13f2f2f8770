"""The map part of the outcomes' ``/api/v1/`` (every name starts with ``outcomes-``)."""

from django.urls import path

from .views_map import StakeholderMapView

urlpatterns = [
    path(
        "arenas/<slug:slug>/stakeholder-map/",
        StakeholderMapView.as_view(),
        name="outcomes-stakeholder-map",
    ),
]
