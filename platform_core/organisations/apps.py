from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganisationsConfig(AppConfig):
    name = "platform_core.organisations"
    label = "organisations"
    verbose_name = _("Organisations")

    def ready(self):
        from . import personal_data  # noqa: F401  (what a person's data export holds and their deletion erases)
