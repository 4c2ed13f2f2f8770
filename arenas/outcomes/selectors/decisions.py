"""Reading decisions: an arena's list (the outcomes page, the API) and one subject's trail (the thread and
prototype pages). Each brings its own joins, so a page of them is one query however long it is."""

from django.db.models import QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _

from arenas.deliberation.models import Thread
from arenas.prototypes.models import Prototype

from ..models import Decision


def decisions_of(*, arena, viewer, outcome: str | None = None) -> QuerySet[Decision]:
    """The arena's decisions, newest first, with what they answered and who decided. Whoever sees the
    arena sees every decision in it (the caller has asked the policy for the arena); ``viewer`` is taken so
    that a later rule on single subjects has one place to go."""
    decisions = (
        Decision.objects.filter(arena=arena)
        .select_related("thread", "prototype", "decided_by")
        .order_by("-created", "-pk")
    )
    if outcome:
        decisions = decisions.filter(outcome=outcome)
    return decisions


def decisions_on(*, subject: Thread | Prototype) -> QuerySet[Decision]:
    """A thread's or prototype's trail of decisions, newest (the current one) first."""
    field = "thread" if isinstance(subject, Thread) else "prototype"
    return (
        Decision.objects.filter(**{field: subject}).select_related("decided_by").order_by("-created", "-pk")
    )


def subject_url(decision: Decision, *, slug: str) -> str:
    """The page of what ``decision`` answered, in the arena ``slug`` (no query: the arena is known)."""
    if decision.thread_id:
        return reverse("deliberation:thread", args=[slug, decision.thread_id])
    return reverse("prototypes:detail", args=[slug, decision.prototype_id])


def subject_kind_label(decision: Decision) -> str:
    """What the decision answered, as a reader says it: an Idea (a thread of kind idea), a Thread, a
    Prototype."""
    if decision.prototype_id:
        return _("Prototype")
    return _("Idea") if decision.thread.kind == Thread.Kind.IDEA else _("Thread")
