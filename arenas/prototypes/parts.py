"""What prototypes add to the pages of the arena core (``arenas.parts``) and of deliberation (the thread
page's ``thread_panels``): the arena's board in its navigation, the organisation's portfolio, and under a
thread the prototypes it led to. The prototype page's own panels are in ``panels``."""

from django.utils.translation import gettext_lazy as _

from arenas.deliberation.parts import thread_panels
from arenas.parts import Link, Panel, arena_links, organisation_sections
from arenas.rules import can

from .selectors.prototype import prototypes_from_thread
from .views.portfolio import portfolio_context


def _led_to(*, request, obj) -> dict | None:
    """Talk → action under a thread: the prototypes it led to, and (for an idea) starting one."""
    thread = obj
    led_to = list(prototypes_from_thread(thread=thread))
    may_start = thread.kind == thread.Kind.IDEA and can(request.user, "arenas.contribute", thread.arena)
    if not led_to and not may_start:
        return None
    return {"led_to": led_to, "may_start_prototype": may_start}


arena_links.register(Link("prototypes", 20, _("Prototypes"), "prototypes:board"))
organisation_sections.register(
    Panel(
        "portfolio", 10, "prototypes/_portfolio.html", lambda *, request, obj: portfolio_context(request, obj)
    )
)
thread_panels.register(Panel("led-to", 10, "prototypes/_led_to.html", _led_to))
