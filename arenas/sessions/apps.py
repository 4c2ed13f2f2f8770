from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SessionsConfig(AppConfig):
    name = "arenas.sessions"
    label = "sessions_part"  # "sessions" is django.contrib.sessions'
    verbose_name = _("Sessions")

    def ready(self):
        from . import events, parts, personal_data, rules, tasks  # noqa: F401  (event types, pages, export and erasure, the policy, tasks)
