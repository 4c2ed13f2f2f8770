from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrototypesConfig(AppConfig):
    name = "arenas.prototypes"
    label = "prototypes"
    verbose_name = _("Prototypes")

    def ready(self):
        from platform_core.demo import seeder_register

        from . import digest, events, home, parts, personal_data, rules, search  # noqa: F401  (event types, digest, home, pages, the policy)
        from .demo import seed_prototypes

        seeder_register(seed_prototypes)
