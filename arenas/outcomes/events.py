"""The outcomes' notifications: a decision on something a person took part in (emailed at once by
default: it is the answer they were waiting for), and a decision due for review (to the conveners). Both
emails say the decision and its reason, if the recipient may still see the arena."""

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from arenas.policy import can
from platform_core.notifications.registry import Category, EmailMode, EventType, registry

from .models import Decision

DECIDED = registry.category_register(
    Category("decisions", gettext_lazy("Decisions on what you took part in"), default=EmailMode.IMMEDIATELY)
)
REVIEWS = registry.category_register(
    Category("decision_reviews", gettext_lazy("Decisions due for review"), default=EmailMode.IMMEDIATELY)
)


def decision_details(notification) -> list[str]:
    """The decision and its reason under the email's title, in the recipient's language."""
    decision_id = (notification.data or {}).get("decision")
    decision = (
        Decision.objects.select_related("arena").filter(pk=decision_id).first() if decision_id else None
    )
    if decision is None or not can(notification.recipient, "outcomes.view_outcomes", decision.arena):
        return []
    lines = [
        _("Decision: %(outcome)s") % {"outcome": decision.get_outcome_display()},
        _("Why: %(reason)s") % {"reason": decision.reason},
    ]
    if decision.review_on:
        lines.append(_("To be reviewed on %(date)s") % {"date": date_format(decision.review_on)})
    return lines


registry.event_register(
    EventType(
        "outcomes.decided",
        DECIDED.key,
        gettext_lazy("decided on something you took part in"),
        details=decision_details,
    )
)
registry.event_register(
    EventType(
        "outcomes.review_due",
        REVIEWS.key,
        gettext_lazy("Time to review the decision"),
        details=decision_details,
    )
)
