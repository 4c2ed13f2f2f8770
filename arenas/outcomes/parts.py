"""What outcomes add to the pages of the arena core (``arenas.parts``): "Outcomes" and "Dashboard" in the
arena's navigation, and the stakeholder map in place of the arena page's stakeholder mix; and to the thread
and prototype pages (``thread_panels``, ``prototype_panels``): their decisions ("you said, we did")."""

from django.utils.translation import gettext_lazy as _

from arenas.deliberation.parts import thread_panels
from arenas.parts import Link, Panel, arena_links, people_panels
from arenas.prototypes.panels import prototype_panels

from .map_panel import map_panel_context
from .views.decision_panels import prototype_decisions, thread_decisions

arena_links.register(Link("outcomes", 40, _("Outcomes"), "outcomes:outcomes", "outcomes.view_outcomes"))
arena_links.register(Link("dashboard", 45, _("Dashboard"), "outcomes:dashboard", "outcomes.view_dashboard"))
people_panels.register(Panel("outcomes.map", 10, "outcomes/_arena_people.html", map_panel_context))
thread_panels.register(Panel("decisions", 20, "outcomes/_decision_panel.html", thread_decisions))
prototype_panels.register(Panel("decisions", 20, "outcomes/_decision_panel.html", prototype_decisions))
