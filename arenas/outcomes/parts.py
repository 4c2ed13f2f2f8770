"""What outcomes add to the pages of the arena core (``arenas.parts``): "Outcomes" in the arena's
navigation."""

from django.utils.translation import gettext_lazy as _

from arenas.parts import Link, arena_links

arena_links.register(Link("outcomes", 40, _("Outcomes"), "outcomes:outcomes", "outcomes.view_outcomes"))
arena_links.register(Link("dashboard", 45, _("Dashboard"), "outcomes:dashboard", "outcomes.view_dashboard"))
