"""What deliberation adds to the arena core's pages and flows (``arenas.parts``), and the registry of the
thread page's own panels, which other parts fill (prototypes adds "From talk to action")."""

from django.utils.translation import gettext_lazy as _

from arenas.parts import Link, Panel, PlaybookContent, Registry, arena_links, arena_panels, playbook_contents
from arenas.rules import can

from .selectors import recent_activity
from .services.threads import threads_create_from_playbook

# Panels of the thread page: ``context(request=..., obj=thread)``.
thread_panels = Registry()


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
