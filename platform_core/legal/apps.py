from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LegalConfig(AppConfig):
    name = "platform_core.legal"
    label = "legal"
    verbose_name = _("Terms and privacy")

    def ready(self):
        from . import personal_data, tasks  # noqa: F401  (export and erasure; tasks by name)
