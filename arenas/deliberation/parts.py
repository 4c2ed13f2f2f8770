"""What deliberation adds to the arena core's pages and flows (``arenas.parts``), and the registries other
parts fill: the thread page's own panels (prototypes adds "From talk to action") and the things a thread
can be started from (sessions adds "a session", for provenance)."""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from arenas.parts import Link, Panel, PlaybookContent, Registry, arena_links, arena_panels, playbook_contents
from arenas.rules import can

from .selectors import recent_activity
from .services.threads import threads_create_from_playbook

# Panels of the thread page: ``context(request=..., obj=thread)``.
thread_panels = Registry()


@dataclass(frozen=True)
class ThreadSource:
    """Something a new thread can come from (provenance), named by an id in the thread's create request.

    ``field`` is the request's field (an integer id) and ``help_text`` its description in the API schema.
    ``resolve(arena=..., value=..., user=...)`` returns the source object for a thread of ``arena``, or
    raises ``ValidationError`` (no such source there) or ``Refused`` (the caller may not start threads
    from it). ``attach(thread=..., source=..., actor=...)`` records the link, inside ``thread_create``'s
    transaction."""

    key: str
    order: int
    field: str
    help_text: str
    resolve: Callable[..., object]
    attach: Callable[..., None]


thread_sources = Registry()


def _recent_activity(*, request, obj) -> dict:
    viewer = request.user
    return {
        "activity": recent_activity(arena=obj, viewer=viewer, limit=5),
        "may_start_thread": can(viewer, "arenas.contribute", obj),
        "may_open_queue": can(viewer, "arenas.moderate", obj),
    }


arena_links.register(Link("threads", 10, _("Threads"), "deliberation:threads"))
arena_panels.register(Panel("recent-activity", 10, "deliberation/_recent_activity.html", _recent_activity))
playbook_contents.register(PlaybookContent("starter-threads", 10, threads_create_from_playbook))
