"""What sessions add to the pages of the arena core (``arenas.parts``), of deliberation (the thread page's
``thread_panels``) and of prototypes (``prototype_panels``): "Sessions" in the arena's navigation, the next
sessions on the arena page, and on a thread or prototype started from a session's minutes where it came
from."""

from django.utils.translation import gettext_lazy as _

from arenas.deliberation.parts import thread_panels
from arenas.parts import Link, Panel, arena_links, arena_panels
from arenas.prototypes.panels import prototype_panels

from .selectors import sessions_of
from .services.minutes import session_of_prototype, session_of_thread
from .views.page import with_seats

UPCOMING_ON_ARENA_PAGE = 3


def _upcoming(*, request, obj) -> dict | None:
    sessions = sessions_of(arena=obj, viewer=request.user, upcoming=True, limit=UPCOMING_ON_ARENA_PAGE)
    if not sessions:
        return None
    return {"upcoming_sessions": with_seats(sessions)}


def _thread_from_session(*, request, obj) -> dict | None:
    session = session_of_thread(obj)
    return {"from_session": session, "heading": _("Where this thread came from")} if session else None


def _prototype_from_session(*, request, obj) -> dict | None:
    session = session_of_prototype(obj)
    return {"from_session": session, "heading": _("Where this prototype came from")} if session else None


arena_links.register(Link("sessions", 30, _("Sessions"), "sessions:list"))
arena_panels.register(Panel("upcoming-sessions", 20, "sessions/_upcoming_panel.html", _upcoming))
thread_panels.register(Panel("from-session", 5, "sessions/_from_session.html", _thread_from_session))
prototype_panels.register(Panel("from-session", 5, "sessions/_from_session.html", _prototype_from_session))
