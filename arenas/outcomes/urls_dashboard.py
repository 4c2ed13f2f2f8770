"""The dashboard routes of the outcomes pages (included by ``urls``, in the ``outcomes`` namespace)."""

from django.urls import path

from .views import dashboard

ARENA = "arenas/<slug:slug>/"

urlpatterns = [path(ARENA + "dashboard/", dashboard.dashboard_view, name="dashboard")]
