"""The export part of the outcomes' ``/api/v1/`` (every name starts with ``outcomes-``)."""

from django.urls import path

from .export import ExportJsonView

urlpatterns = [
    path("arenas/<slug:slug>/export.json", ExportJsonView.as_view(), name="outcomes-export-json"),
]
