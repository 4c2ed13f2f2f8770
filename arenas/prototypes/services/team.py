"""A prototype's team: asking to join, the lead (or a facilitator) answering, leaving, removing a member
and handing over the lead."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from arenas.rules import can, require
from platform_core.text import within_limit

from ..models import Prototype, TeamJoinRequest, TeamMember
from ..rules import team_forget
from .telling import prototype_notify


@transaction.atomic
def team_request_create(*, prototype: Prototype, user, note: str = "") -> TeamJoinRequest:
    require(user, "prototypes.join_team", prototype)
    note = within_limit(note, 1000, field="note")
    try:
        with transaction.atomic():
            request = TeamJoinRequest.objects.create(prototype=prototype, user=user, note=note)
    except IntegrityError:
        raise ValidationError(_("You have already asked to join; the lead will answer.")) from None
    leads = prototype.team.filter(role=TeamMember.Role.LEAD).values_list("user_id", flat=True)
    prototype_notify(prototype, event="prototypes.team_request", actor=user, recipients=list(leads))
    return request


@transaction.atomic
def team_request_decide(*, request: TeamJoinRequest, actor, accept: bool) -> TeamJoinRequest:
    prototype = request.prototype
    require(actor, "prototypes.manage_team", prototype)
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
        team_forget(prototype)
    prototype_notify(
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
    member.prototype = prototype
    require(actor, "prototypes.remove_team_member", member)
    member.delete()
    team_forget(prototype)


@transaction.atomic
def team_lead_set(*, prototype: Prototype, member: TeamMember, actor) -> TeamMember:
    require(actor, "prototypes.manage_team", prototype)
    if member.prototype_id != prototype.pk:
        raise ValidationError(_("That person is not in this team."))
    prototype.team.filter(role=TeamMember.Role.LEAD).update(role=TeamMember.Role.MEMBER)
    member.role = TeamMember.Role.LEAD
    member.save(update_fields=["role"])
    team_forget(prototype)
    return member
