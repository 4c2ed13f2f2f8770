from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DeliberationConfig(AppConfig):
    name = "arenas.deliberation"
    label = "deliberation"
    verbose_name = _("Deliberation")

    def ready(self):
        from platform_core.demo import seeder_register

        from . import audiences, digest, events, home, parts, personal_data, quoting, rules, search  # noqa: F401  (registrations, the policy)
        from .demo import seed_threads

        seeder_register(seed_threads)
