from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SessionsConfig(AppConfig):
    name = "arenas.sessions"
    label = "sessions_part"  # "sessions" is django.contrib.sessions'
    verbose_name = _("Sessions")

    def ready(self):
        from platform_core.accounts.settings_pages import SettingsPage, settings_page_register
        from platform_core.demo import seeder_register

        # Registrations: digest section, event types, page panels, export and erasure, thread sources, the
        # policy, search, tasks by name.
        from . import digest, events, parts, personal_data, provenance, rules, search, tasks  # noqa: F401
        from .demo import seed_sessions

        seeder_register(seed_sessions)
        settings_page_register(SettingsPage("sessions:calendar-settings", _("Calendar"), order=20))
