from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OutcomesConfig(AppConfig):
    name = "arenas.outcomes"
    verbose_name = _("Ownership and outcomes")

    def ready(self):
        # Registrations: the policy, page links and panels.
        from . import parts, rules  # noqa: F401
        from .opendata import audit  # noqa: F401
