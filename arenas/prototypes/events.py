from django.utils.translation import gettext_lazy as _

from platform_core.notifications.registry import Category, EmailMode, EventType, registry

PROTOTYPES = registry.category_register(
    Category("prototypes", _("Prototypes you work on or follow"), default=EmailMode.DIGEST)
)
DECISIONS = registry.category_register(
    Category("prototype_decisions", _("Decisions on prototypes in your arenas"), default=EmailMode.DIGEST)
)

for key, category, verb in [
    ("prototypes.stage_changed", PROTOTYPES, _("moved a prototype to a new stage")),
    ("prototypes.decision", DECISIONS, _("took a decision on a prototype")),
    ("prototypes.feedback", PROTOTYPES, _("gave feedback on your prototype")),
    ("prototypes.iteration_done", PROTOTYPES, _("finished a test round")),
    ("prototypes.team_request", PROTOTYPES, _("asked to join your prototype's team")),
    ("prototypes.team_request_accepted", PROTOTYPES, _("accepted you into the team")),
    ("prototypes.team_request_declined", PROTOTYPES, _("declined your request to join the team")),
]:
    registry.event_register(EventType(key, category.key, verb))
