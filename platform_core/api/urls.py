"""``/api/v1/``: each app adds its routes here."""

from django.urls import path

from platform_core.accounts import api as accounts_api
from platform_core.notifications import api as notifications_api

app_name = "api"

urlpatterns = [
    path("auth/token/", accounts_api.TokenView.as_view(), name="auth-token"),
    path("me/", accounts_api.MeView.as_view(), name="me"),
    path("me/data-export/", accounts_api.DataExportView.as_view(), name="me-data-export"),
    path("notifications/", notifications_api.NotificationListView.as_view(), name="notifications"),
    path(
        "notifications/mark-read/", notifications_api.MarkReadView.as_view(), name="notifications-mark-read"
    ),
]
