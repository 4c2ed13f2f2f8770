"""How the arena's parts (deliberation, prototypes, and those to come) plug into the core's pages and flows
without the core knowing them: each part registers what it adds from its ``AppConfig.ready()``, the way
digest sections do. The core only walks these lists.

- ``arena_links``: the arena page's navigation (Threads, Prototypes…).
- ``arena_panels``: sections of the arena page (recent activity…).
- ``people_panels``: what the arena page shows of who takes part instead of the stakeholder mix (the
  stakeholder map…): the first whose context is not None replaces the mix card, and the core then does
  not count the mix itself (the panel brings whatever it shows).
- ``organisation_sections``: sections of an organisation's page (the portfolio…).
- ``playbook_contents``: what a playbook brings to a new arena besides its phases (starter threads…).
- ``home_items``: what waits for a person and what ends soon, on their signed-in home (flags, rounds…).
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Link:
    """A link in a page's navigation: ``url_name`` reversed with the arena's slug; with ``permission``, only
    for viewers the policy allows it of the arena."""

    key: str
    order: int
    label: str
    url_name: str
    permission: str = ""


@dataclass(frozen=True)
class Panel:
    """A section a part adds to a page: ``template`` rendered with the page's context and what
    ``context(request=..., obj=...)`` returns; nothing when that returns None."""

    key: str
    order: int
    template: str
    context: Callable[..., dict | None]


class Registry:
    """Items by key (registering again replaces), read in their ``order``."""

    def __init__(self):
        self._items: dict[str, object] = {}

    def register(self, item):
        self._items[item.key] = item
        return item

    def __iter__(self):
        return iter(sorted(self._items.values(), key=lambda item: (item.order, item.key)))


arena_links = Registry()
arena_panels = Registry()
people_panels = Registry()
organisation_sections = Registry()


@dataclass(frozen=True)
class PlaybookContent:
    """``apply(arena=..., author=..., playbook=...)`` adds a part's share of a playbook to a new arena,
    inside ``arena_create``'s transaction."""

    key: str
    order: int
    apply: Callable[..., None]


playbook_contents = Registry()


@dataclass(frozen=True)
class HomeItems:
    """A part's share of the signed-in home. ``waiting(user=..., arenas=...)`` lists what waits for the
    person to decide or do; ``deadlines(user=..., arenas=..., today=..., until=...)`` what ends by
    ``until``. ``arenas`` are the person's arenas, with their standing already loaded (asking the policy
    costs no query); each returns ``HomeItem``s in a fixed number of queries however many arenas there are."""

    key: str
    order: int
    waiting: Callable[..., list] | None = None
    deadlines: Callable[..., list] | None = None


@dataclass(frozen=True)
class HomeItem:
    """One line on the home page: ``text`` (already translated), where it leads, the arena it is in and,
    for deadlines, the date."""

    text: str
    url: str
    arena: object = None
    when: object = None


home_items = Registry()


def panels_for(registry: Registry, *, request, obj) -> list[dict]:
    """What a page shows of ``registry``: ``[{"template", "context"}]`` for the panels that have something."""
    shown = []
    for panel in registry:
        context = panel.context(request=request, obj=obj)
        if context is not None:
            shown.append({"key": panel.key, "template": panel.template, "context": context})
    return shown


def first_panel(registry: Registry, *, request, obj) -> dict | None:
    """The first panel of ``registry`` that has something, as ``panels_for`` gives it; None when none has."""
    for panel in registry:
        context = panel.context(request=request, obj=obj)
        if context is not None:
            return {"key": panel.key, "template": panel.template, "context": context}
    return None
