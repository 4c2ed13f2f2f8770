from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("settings/", views.settings_profile, name="settings"),
    path("settings/delete/", views.settings_delete, name="delete"),
]
