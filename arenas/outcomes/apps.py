from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OutcomesConfig(AppConfig):
    name = "arenas.outcomes"
    verbose_name = _("Ownership and outcomes")

    def ready(self):
        from platform_core.demo import seeder_register

        # Registrations: the policy, page links and panels; the decisions' events, audit words and the
        # review reminder's task (by name); the map's audit words and digest section; the open data's audit
        # words; demo data.
        from . import audit_decisions, audit_map, digest_map, events, parts, rules, tasks  # noqa: F401
        from .demo import seed_stakeholder_maps
        from .demo_decisions import seed_decisions
        from .opendata import audit  # noqa: F401

        seeder_register(seed_stakeholder_maps)
        seeder_register(seed_decisions)
