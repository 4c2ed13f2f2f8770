"""The dashboard part of the outcomes' ``/api/v1/`` (every name starts with ``outcomes-``)."""

from django.urls import path

from . import views_dashboard

urlpatterns = [
    path("arenas/<slug:slug>/dashboard/", views_dashboard.DashboardView.as_view(), name="outcomes-dashboard"),
]
