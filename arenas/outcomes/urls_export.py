"""The export routes of the outcomes pages (included by ``urls``, in the ``outcomes`` namespace)."""

from django.urls import path

from .views import export

ARENA = "arenas/<slug:slug>/"

urlpatterns = [
    path(ARENA + "export/", export.export_page, name="export"),
    path(ARENA + "export/data.zip", export.export_zip, name="export-zip"),
]
