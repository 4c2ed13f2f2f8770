from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SessionsConfig(AppConfig):
    name = "arenas.sessions"
    label = "sessions_part"  # "sessions" is django.contrib.sessions'
    verbose_name = _("Sessions")

    def ready(self):
        # Registrations: event types, export and erasure, thread sources, the policy, search, tasks by name.
        from . import events, personal_data, provenance, rules, search, tasks  # noqa: F401
