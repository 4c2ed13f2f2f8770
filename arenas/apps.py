from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ArenasConfig(AppConfig):
    name = "arenas"
    verbose_name = _("Arenas")

    def ready(self):
        from platform_core.demo import seeder_register

        from . import audiences, audit, digest, events, home, personal_data, rules, search  # noqa: F401  (registrations, the policy)
        from .demo import seed_arenas
        from .views import invitation_proof  # noqa: F401  (an invitation link proves its address)

        seeder_register(seed_arenas)
