from django.utils.translation import gettext_lazy as _

from platform_core.notifications.registry import Category, EmailMode, EventType, registry

SESSIONS = registry.category_register(
    Category("sessions", _("Sessions you registered for"), default=EmailMode.IMMEDIATELY)
)
ANNOUNCED = registry.category_register(
    Category("session_announcements", _("New sessions in your arenas"), default=EmailMode.DIGEST)
)

for key, category, verb in [
    ("sessions.announced", ANNOUNCED, _("announced a session")),
    ("sessions.seat_freed", SESSIONS, _("a seat came free: you are registered")),
    ("sessions.reminder", SESSIONS, _("reminds you of a session")),
    ("sessions.cancelled", SESSIONS, _("cancelled a session")),
    ("sessions.moved", SESSIONS, _("moved a session")),
]:
    registry.event_register(EventType(key, category.key, verb))
