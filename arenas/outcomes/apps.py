from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OutcomesConfig(AppConfig):
    name = "arenas.outcomes"
    verbose_name = _("Ownership and outcomes")

    def ready(self):
        from platform_core.demo import seeder_register

        # Registrations: the policy, page links and panels; the map's audit words and digest section.
        from . import audit_map, digest_map, parts, rules  # noqa: F401
        from .demo import seed_stakeholder_maps

        seeder_register(seed_stakeholder_maps)
