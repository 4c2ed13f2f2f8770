"""What sessions add to the pages of the arena core (``arenas.parts``) and of deliberation (the thread
page's ``thread_panels``): "Sessions" in the arena's navigation, the next sessions on the arena page, and
on a thread started from a session's minutes where it came from."""

from django.utils.translation import gettext_lazy as _

from arenas.deliberation.parts import thread_panels
from arenas.parts import Link, Panel, arena_links, arena_panels

from .selectors import sessions_of
from .services.minutes import session_of_thread
from .views.page import with_seats

UPCOMING_ON_ARENA_PAGE = 3


def _upcoming(*, request, obj) -> dict | None:
    sessions = sessions_of(arena=obj, viewer=request.user, upcoming=True, limit=UPCOMING_ON_ARENA_PAGE)
    if not sessions:
        return None
    return {"upcoming_sessions": with_seats(sessions)}


def _from_session(*, request, obj) -> dict | None:
    session = session_of_thread(obj)
    return {"from_session": session} if session else None


arena_links.register(Link("sessions", 30, _("Sessions"), "sessions:list"))
arena_panels.register(Panel("upcoming-sessions", 20, "sessions/_upcoming_panel.html", _upcoming))
thread_panels.register(Panel("from-session", 5, "sessions/_from_session.html", _from_session))
