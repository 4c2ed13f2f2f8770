from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "platform_core.audit"
    label = "audit"
    verbose_name = _("Audit log")

    def ready(self):
        from . import personal_data  # noqa: F401  (what a person's data export holds and their deletion erases)
