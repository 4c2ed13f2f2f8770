"""The outcomes' part of the one policy (DESIGN.md sections 2 and 3): conveners declare the stakeholder
map and answer threads, ideas and prototypes with decisions; whoever sees the arena reads its map, its
decisions and its report; a public arena's dashboard summary and open data are for anyone, every other
arena's (and the dashboard's details everywhere) for its facilitators and up. The arena's visibility,
writability and bans apply on top (``on_arena``); permissions are asked of the arena."""

from django.utils.translation import gettext_lazy

from arenas.policy import Clause, on_arena, permission_register
from arenas.rules import arena_is_public, is_convener_or_more, is_facilitator_or_more

FACILITATORS_SEE = gettext_lazy("Only the arena's facilitators and conveners see this.")
CONVENERS_DECIDE = gettext_lazy("Only the arena's conveners answer threads and prototypes with a decision.")
CONVENERS_MAP = gettext_lazy("Only the arena's conveners declare which groups the arena needs.")


def _on_arena(permission: str) -> Clause:
    return on_arena(permission, lambda arena: arena)


# Reading: what anyone who sees the arena may read.
permission_register("outcomes.view_outcomes", _on_arena("arenas.view_arena"))
permission_register("outcomes.view_report", _on_arena("arenas.view_arena"))
# The dashboard: a summary of a public arena for anyone; the whole of it (and any arena's) for facilitators.
permission_register(
    "outcomes.view_dashboard",
    _on_arena("arenas.view_arena"),
    (arena_is_public | is_facilitator_or_more, FACILITATORS_SEE),
)
permission_register("outcomes.view_dashboard_details", _on_arena("arenas.view_insights"))
# Open data: a public arena's for anyone; a restricted or private one's for facilitators and up (audited).
permission_register(
    "outcomes.export",
    _on_arena("arenas.view_arena"),
    (arena_is_public | is_facilitator_or_more, FACILITATORS_SEE),
)
# Writing: conveners, in a writable arena they are not banned from.
permission_register("outcomes.change_map", _on_arena("arenas.act"), (is_convener_or_more, CONVENERS_MAP))
permission_register("outcomes.decide", _on_arena("arenas.act"), (is_convener_or_more, CONVENERS_DECIDE))
