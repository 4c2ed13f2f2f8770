"""Resending and withdrawing many pending invitations at once (the members page's selection).

One call per action. Only this arena's pending invitations that the actor may manage are touched; an id
of another arena, of an answered invitation, or of one the actor may not manage (a facilitator and a
convener's invitation) is left out and counted as skipped, never an error page. Resending counts every
address sent to against the arena's invitation rate limit, all at once: all are sent or none."""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from platform_core.audit.services import audit_record
from platform_core.ratelimits import rate_limit

from ..models import Arena, Invitation
from ..rules import can, require
from .invitations import _send

MAX_SELECTED = 500


@dataclass
class ManyReport:
    done: list[Invitation] = field(default_factory=list)
    skipped: int = 0


def _selected(*, arena: Arena, actor, ids) -> ManyReport:
    wanted = set()
    for value in ids:
        try:
            wanted.add(int(value))
        except (TypeError, ValueError):
            continue
    if not wanted:
        raise ValidationError(_("Select at least one invitation."))
    if len(wanted) > MAX_SELECTED:
        raise ValidationError(
            _("Select at most %(max)s invitations at a time.") % {"max": MAX_SELECTED}, code="too_many"
        )
    invitations = list(
        Invitation.objects.select_for_update(of=("self",))
        .select_related("arena", "invited_by")
        .filter(arena=arena, pk__in=wanted, status=Invitation.Status.PENDING)
        .order_by("pk")
    )
    report = ManyReport()
    for invitation in invitations:
        invitation.arena = arena  # the actor's standing is cached on it: the rule asks no more queries
        if can(actor, "arenas.manage_invitation", invitation):
            report.done.append(invitation)
    report.skipped = len(wanted) - len(report.done)
    return report


@transaction.atomic
def invitations_resend_many(*, arena: Arena, actor, ids) -> ManyReport:
    """Send every selected pending invitation again (a fresh link and expiry each)."""
    require(actor, "arenas.invite_participants", arena)
    report = _selected(arena=arena, actor=actor, ids=ids)
    rate_limit("invitations", arena.pk, cost=len(report.done))
    for invitation in report.done:
        _send(invitation, actor=actor)
        audit_record(actor=actor, action="invitation.resent", target=invitation, group_key=arena.group_key)
    return report


@transaction.atomic
def invitations_revoke_many(*, arena: Arena, actor, ids) -> ManyReport:
    """Withdraw every selected pending invitation: their links stop working."""
    require(actor, "arenas.invite_participants", arena)
    report = _selected(arena=arena, actor=actor, ids=ids)
    now = timezone.now()
    Invitation.objects.filter(pk__in=[i.pk for i in report.done]).update(
        status=Invitation.Status.REVOKED, responded_at=now
    )
    for invitation in report.done:
        invitation.status, invitation.responded_at = Invitation.Status.REVOKED, now
        audit_record(actor=actor, action="invitation.revoked", target=invitation, group_key=arena.group_key)
    return report
