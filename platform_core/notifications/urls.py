from django.urls import path

from . import views

app_name = "notifications"

urlpatterns = [
    path("notifications/", views.notification_list, name="list"),
    path("notifications/count/", views.notification_count, name="count"),
    path("notifications/read-all/", views.notification_mark_all_read, name="mark-all-read"),
    path("notifications/<int:pk>/read/", views.notification_mark_read, name="mark-read"),
    path("notifications/<int:pk>/open/", views.notification_open, name="open"),
    path("notifications/unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("settings/notifications/", views.notification_settings, name="settings"),
    path("settings/notifications/unmute/", views.notification_group_unmute, name="unmute"),
]
