"""The team, the test rounds, the feedback and the indicators of a prototype."""

from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from arenas.rules import can, require
from platform_core.notifications.services import notify

from ..models import Feedback, Indicator, Iteration, Measurement, Prototype, TeamJoinRequest, TeamMember
from .prototypes import _team_and_followers, can_work_on, is_lead


def _notify(prototype: Prototype, *, event: str, actor, recipients, title: str | None = None) -> None:
    arena = prototype.arena
    notify(
        recipients=recipients,
        event=event,
        actor=actor,
        target_title=title or prototype.title,
        url=prototype.get_absolute_url(),
        group_key=arena.group_key,
        group_label=arena.title,
    )


# --- team ---------------------------------------------------------------------------------------------------


def _may_manage_team(actor, prototype: Prototype) -> bool:
    """The lead (while they may still contribute to the arena) or a facilitator."""
    arena = prototype.arena
    return can(actor, "arenas.moderate", arena) or (
        is_lead(actor, prototype) and can(actor, "arenas.contribute", arena)
    )


@transaction.atomic
def team_request_create(*, prototype: Prototype, user, note: str = "") -> TeamJoinRequest:
    require(user, "arenas.contribute", prototype.arena)
    if prototype.team.filter(user=user).exists():
        raise ValidationError(_("You are already in this team."))
    try:
        with transaction.atomic():
            request = TeamJoinRequest.objects.create(prototype=prototype, user=user, note=note.strip()[:1000])
    except IntegrityError:
        raise ValidationError(_("You have already asked to join; the lead will answer.")) from None
    leads = prototype.team.filter(role=TeamMember.Role.LEAD).values_list("user_id", flat=True)
    _notify(prototype, event="prototypes.team_request", actor=user, recipients=list(leads))
    return request


@transaction.atomic
def team_request_decide(*, request: TeamJoinRequest, actor, accept: bool) -> TeamJoinRequest:
    prototype = request.prototype
    if not _may_manage_team(actor, prototype):
        raise PermissionDenied("prototypes.decide_team_request")
    request = TeamJoinRequest.objects.select_for_update().get(pk=request.pk)
    if request.status != TeamJoinRequest.Status.PENDING:
        raise ValidationError(_("This request has already been answered."))
    request.status = TeamJoinRequest.Status.ACCEPTED if accept else TeamJoinRequest.Status.DECLINED
    request.decided_at = timezone.now()
    request.save(update_fields=["status", "decided_at"])
    if accept and not can(request.user, "arenas.contribute", prototype.arena):
        raise ValidationError(_("This person can no longer take part in the arena."))
    if accept:
        TeamMember.objects.get_or_create(prototype=prototype, user=request.user)
    _notify(
        prototype,
        event="prototypes.team_request_accepted" if accept else "prototypes.team_request_declined",
        actor=actor,
        recipients=[request.user_id],
    )
    return request


@transaction.atomic
def team_member_remove(*, prototype: Prototype, member: TeamMember, actor) -> None:
    if member.prototype_id != prototype.pk:
        raise ValidationError(_("That person is not in this team."))
    if member.role == TeamMember.Role.LEAD:
        raise ValidationError(_("Hand the lead to someone else before the lead leaves the team."))
    leaving = member.user_id == actor.pk and prototype.arena.is_writable
    if not (leaving or _may_manage_team(actor, prototype)):
        raise PermissionDenied("prototypes.change_team")
    member.delete()


@transaction.atomic
def team_lead_set(*, prototype: Prototype, member: TeamMember, actor) -> TeamMember:
    if not _may_manage_team(actor, prototype):
        raise PermissionDenied("prototypes.change_team")
    if member.prototype_id != prototype.pk:
        raise ValidationError(_("That person is not in this team."))
    prototype.team.filter(role=TeamMember.Role.LEAD).update(role=TeamMember.Role.MEMBER)
    member.role = TeamMember.Role.LEAD
    member.save(update_fields=["role"])
    return member


# --- iterations ---------------------------------------------------------------------------------------------


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
def iteration_create(*, prototype: Prototype, actor, **fields) -> Iteration:
    if not can_work_on(actor, prototype):
        raise PermissionDenied("prototypes.change_prototype")
    unknown = set(fields) - ITERATION_FIELDS
    if unknown:
        raise ValidationError(_("Unknown fields: %(fields)s") % {"fields": ", ".join(sorted(unknown))})
    locked = Prototype.objects.select_for_update().get(pk=prototype.pk)
    number = (locked.iterations.order_by("-number").values_list("number", flat=True).first() or 0) + 1
    iteration = Iteration(prototype=prototype, number=number, **fields)
    _check_iteration(iteration)
    iteration.save()
    return iteration


@transaction.atomic
def iteration_update(*, iteration: Iteration, actor, **fields) -> Iteration:
    prototype = iteration.prototype
    if not can_work_on(actor, prototype):
        raise PermissionDenied("prototypes.change_prototype")
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
    if not can_work_on(actor, prototype):
        raise PermissionDenied("prototypes.change_prototype")
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
        _notify(
            prototype,
            event="prototypes.iteration_done",
            actor=actor,
            recipients=_team_and_followers(prototype),
            title=_("%(prototype)s: round %(number)s done")
            % {"prototype": prototype.title, "number": iteration.number},
        )
    return iteration


# --- feedback -----------------------------------------------------------------------------------------------


@transaction.atomic
def feedback_submit(
    *,
    prototype: Prototype,
    author,
    rating,
    would_use: str,
    comment: str = "",
    iteration: Iteration | None = None,
) -> Feedback:
    """One piece of feedback per person per prototype or round; giving it again edits it."""
    require(author, "arenas.contribute", prototype.arena)
    try:
        rating = int(rating)
    except (TypeError, ValueError):
        rating = 0
    if not 1 <= rating <= 5:
        raise ValidationError({"rating": _("Rate from 1 to 5.")})
    if would_use not in Feedback.WouldUse.values:
        raise ValidationError({"would_use": _("Say whether you would use it: yes, no or not sure.")})
    if iteration is not None and iteration.prototype_id != prototype.pk:
        raise ValidationError({"iteration": _("That round belongs to another prototype.")})
    feedback, created = Feedback.objects.update_or_create(
        prototype=prototype,
        iteration=iteration,
        author=author,
        defaults={
            "rating": rating,
            "would_use": would_use,
            "comment": comment.strip()[:4000],
            "updated": timezone.now(),
        },
    )
    if created:
        team = prototype.team.exclude(user=author).values_list("user_id", flat=True)
        _notify(prototype, event="prototypes.feedback", actor=author, recipients=list(team))
    return feedback


# --- indicators ---------------------------------------------------------------------------------------------


def _decimal(value, field: str) -> Decimal:
    try:
        number = Decimal(str(value))
    except (InvalidOperation, TypeError, ValueError):
        raise ValidationError({field: _("Enter a number.")}) from None
    if not number.is_finite():
        raise ValidationError({field: _("Enter a number.")})
    return number


@transaction.atomic
def indicator_create(
    *,
    prototype: Prototype,
    actor,
    name: str,
    baseline,
    target,
    unit: str = "",
    direction: str = Indicator.Direction.HIGHER,
) -> Indicator:
    if not can_work_on(actor, prototype):
        raise PermissionDenied("prototypes.change_prototype")
    if not name.strip():
        raise ValidationError({"name": _("Name what you measure.")})
    if direction not in Indicator.Direction.values:
        raise ValidationError({"direction": _("Say whether higher or lower is better.")})
    return Indicator.objects.create(
        prototype=prototype,
        name=name.strip()[:120],
        unit=unit.strip()[:40],
        baseline=_decimal(baseline, "baseline"),
        target=_decimal(target, "target"),
        direction=direction,
    )


@transaction.atomic
def measurement_add(*, indicator: Indicator, actor, date, value, note: str = "") -> Measurement:
    if not can_work_on(actor, indicator.prototype):
        raise PermissionDenied("prototypes.change_prototype")
    if not date:
        raise ValidationError({"date": _("When was it measured?")})
    return Measurement.objects.create(
        indicator=indicator, date=date, value=_decimal(value, "value"), note=note.strip()[:300]
    )
