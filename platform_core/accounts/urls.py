from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("settings/", views.settings_profile, name="settings"),
    path("settings/delete/", views.settings_delete, name="delete"),
    path("settings/data/", views.settings_data, name="data"),
    path("settings/data/<str:token>/", views.data_export_download, name="data-export-download"),
]
