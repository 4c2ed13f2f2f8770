"""What outcomes add to the pages of the arena core (``arenas.parts``): "Outcomes" in the arena's
navigation, and the stakeholder map in place of the arena page's stakeholder mix."""

from django.utils.translation import gettext_lazy as _

from arenas.parts import Link, Panel, arena_links, people_panels

from .map_panel import map_panel_context

arena_links.register(Link("outcomes", 40, _("Outcomes"), "outcomes:outcomes", "outcomes.view_outcomes"))
people_panels.register(Panel("outcomes.map", 10, "outcomes/_arena_people.html", map_panel_context))
