from django.utils.translation import gettext_lazy as _

from platform_core.notifications.registry import Category, EmailMode, EventType, registry

from .emails import session_attachments, session_details

SESSIONS = registry.category_register(
    Category("sessions", _("Sessions you registered for"), default=EmailMode.IMMEDIATELY)
)
ANNOUNCED = registry.category_register(
    Category("session_announcements", _("New sessions in your arenas"), default=EmailMode.DIGEST)
)

for key, category, verb in [
    ("sessions.announced", ANNOUNCED, _("announced a session")),
    ("sessions.seat_freed", SESSIONS, _("A seat came free: you are registered")),
    ("sessions.reminder", SESSIONS, _("Reminder: your session is coming up")),
    ("sessions.cancelled", SESSIONS, _("cancelled a session")),
    ("sessions.moved", SESSIONS, _("moved a session")),
]:
    # Each email says when and where in the recipient's zone, and carries the session's .ics (a
    # cancelled or moved one updates the event already in their calendar: same UID, higher SEQUENCE).
    registry.event_register(
        EventType(key, category.key, verb, details=session_details, attachments=session_attachments)
    )
