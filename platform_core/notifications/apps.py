from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "platform_core.notifications"
    label = "notifications"
    verbose_name = _("Notifications")

    def ready(self):
        from . import events  # noqa: F401  (registers the platform's own event types)
