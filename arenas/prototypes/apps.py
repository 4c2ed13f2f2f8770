from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrototypesConfig(AppConfig):
    name = "arenas.prototypes"
    label = "prototypes"
    verbose_name = _("Prototypes")

    def ready(self):
        from . import events  # noqa: F401  (registers the event types)
