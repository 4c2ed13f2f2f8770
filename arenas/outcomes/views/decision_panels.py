"""The decision panel of the thread and the prototype page: the subject's trail of decisions and, for
those who may decide, the form. One query for the trail; the policy answers from the membership the page
has already loaded. Nothing at all when nothing is decided and the viewer may not decide."""

from arenas.policy import can

from ..forms_decisions import DecisionForm
from ..selectors.decisions import decisions_on
from .decisions import decide_url


def _panel(request, subject, kind: str) -> dict | None:
    trail = list(decisions_on(subject=subject))
    may_decide = can(request.user, "outcomes.decide", subject.arena)
    if not trail and not may_decide:
        return None
    return {
        "decision_trail": trail,
        "decision_form": DecisionForm(auto_id="decision-%s") if may_decide else None,
        "decide_url": decide_url(subject, kind),
    }


def thread_decisions(*, request, obj) -> dict | None:
    return _panel(request, obj, "thread")


def prototype_decisions(*, request, obj) -> dict | None:
    return _panel(request, obj, "prototype")
