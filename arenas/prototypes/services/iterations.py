"""A prototype's test rounds (iterations): planning one, editing it, starting and finishing it. Only one
round runs at a time; a round is done only with its learnings written down."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from arenas.rules import require

from ..models import Iteration, Prototype
from .telling import prototype_notify, team_and_followers

ITERATION_FIELDS = {
    "goal",
    "test_what",
    "test_where",
    "test_with_whom",
    "start_date",
    "end_date",
    "outcome",
    "learnings",
    "decision",
}


def _check_iteration(iteration: Iteration) -> None:
    if not (iteration.goal or "").strip():
        raise ValidationError({"goal": _("Say what this round should find out.")})
    if iteration.start_date and iteration.end_date and iteration.end_date < iteration.start_date:
        raise ValidationError({"end_date": _("The round ends before it starts.")})
    if iteration.decision and iteration.decision not in Iteration.Decision.values:
        raise ValidationError({"decision": _("Choose iterate, pivot, scale or stop.")})


@transaction.atomic
def iteration_create(*, prototype: Prototype, actor, status: str | None = None, **fields) -> Iteration:
    """The next round (numbered 1, 2, …), planned unless ``status`` says otherwise."""
    require(actor, "prototypes.change_prototype", prototype)
    unknown = set(fields) - ITERATION_FIELDS
    if unknown:
        raise ValidationError(_("Unknown fields: %(fields)s") % {"fields": ", ".join(sorted(unknown))})
    locked = Prototype.objects.select_for_update().get(pk=prototype.pk)
    number = (locked.iterations.order_by("-number").values_list("number", flat=True).first() or 0) + 1
    iteration = Iteration(prototype=prototype, number=number, **fields)
    _check_iteration(iteration)
    iteration.save()
    if status and status != iteration.status:
        iteration_set_status(iteration=iteration, actor=actor, status=status)
    return iteration


@transaction.atomic
def iteration_update(*, iteration: Iteration, actor, **fields) -> Iteration:
    prototype = iteration.prototype
    require(actor, "prototypes.change_prototype", prototype)
    unknown = set(fields) - ITERATION_FIELDS
    if unknown:
        raise ValidationError(_("Unknown fields: %(fields)s") % {"fields": ", ".join(sorted(unknown))})
    for name, value in fields.items():
        setattr(iteration, name, value)
    _check_iteration(iteration)
    if fields:
        iteration.save(update_fields=sorted(fields))  # status and done_at belong to iteration_set_status
    return iteration


@transaction.atomic
def iteration_set_status(*, iteration: Iteration, actor, status: str) -> Iteration:
    """Planned → running → done. Only one round runs at a time; finishing one tells the team and followers."""
    prototype = iteration.prototype
    require(actor, "prototypes.change_prototype", prototype)
    if status not in Iteration.Status.values:
        raise ValidationError({"status": _("Choose planned, running or done.")})
    Prototype.objects.select_for_update().get(pk=prototype.pk)  # one status change at a time per prototype
    if (
        status == Iteration.Status.RUNNING
        and prototype.iterations.filter(status=Iteration.Status.RUNNING).exclude(pk=iteration.pk).exists()
    ):
        raise ValidationError({"status": _("Another round is running: finish it before starting this one.")})
    if status == Iteration.Status.DONE and not (iteration.learnings or "").strip():
        raise ValidationError({"learnings": _("Write down what the round taught you before closing it.")})
    was = iteration.status
    iteration.status = status
    if status != Iteration.Status.DONE:
        iteration.done_at = None
    elif was != Iteration.Status.DONE:
        iteration.done_at = timezone.now()
    if status == Iteration.Status.RUNNING and iteration.started_at is None:
        iteration.started_at = timezone.now()
    iteration.save(update_fields=["status", "done_at", "started_at"])
    if status == Iteration.Status.DONE and was != status:
        prototype_notify(
            prototype,
            event="prototypes.iteration_done",
            actor=actor,
            recipients=team_and_followers(prototype),
            title=_("%(prototype)s: round %(number)s done")
            % {"prototype": prototype.title, "number": iteration.number},
        )
    return iteration


@transaction.atomic
def iteration_edit(*, iteration: Iteration, actor, status: str | None = None, **fields) -> Iteration:
    """One change of a round: its fields (``iteration_update``), then its status (``iteration_set_status``),
    so learnings and "done" can come together; all of it or none."""
    if fields:
        iteration_update(iteration=iteration, actor=actor, **fields)
    if status:
        iteration_set_status(iteration=iteration, actor=actor, status=status)
    return iteration


@transaction.atomic
def iteration_finish(
    *, iteration: Iteration, actor, learnings: str, decision: str, outcome: str = ""
) -> Iteration:
    """Close a round with what it taught and what comes next (iterate, pivot, scale or stop): the words and
    "done" are written together, or — when the learnings or the decision are missing — nothing is."""
    if decision not in Iteration.Decision.values:
        raise ValidationError({"decision": _("Choose what comes next: iterate, pivot, scale or stop.")})
    return iteration_edit(
        iteration=iteration,
        actor=actor,
        status=Iteration.Status.DONE,
        outcome=outcome,
        learnings=learnings,
        decision=decision,
    )
