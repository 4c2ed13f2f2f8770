from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "platform_core.notifications"
    label = "notifications"
    verbose_name = _("Notifications")

    def ready(self):
        # The event types, and the tasks (the outbox queues its send task by name: it must be registered).
        from . import events, personal_data, tasks  # noqa: F401
