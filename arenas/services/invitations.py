"""Invitations by email, one or many, with a single-use token stored hashed: sending, resending, revoking,
accepting (only by the account that owns the invited address) and declining (by whoever holds the link)."""

from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from platform_core.accounts.models import User
from platform_core.audit.services import audit_record
from platform_core.exceptions import Refused
from platform_core.links import absolute, site_url
from platform_core.notifications.services import email_send_direct
from platform_core.ratelimits import rate_limit
from platform_core.text import within_limit

from ..access import remember_membership
from ..models import Arena, Invitation, Membership, Role, StakeholderType
from ..models.membership import Standing, new_token, token_hash
from ..page_cache import arena_pages_changed
from ..rules import can, is_banned, refusal, require, roles_grantable_by
from .invitation_rows import InvitationRow
from .invitation_values import accepted_list, accepted_values
from .telling import arena_notify


@dataclass
class BulkReport:
    invited: list[Invitation] = field(default_factory=list)
    rejected: list[dict] = field(default_factory=list)  # {"line", "email", "reason"}


def _render_invitation_email(invitation: Invitation, token: str, language: str):
    arena = invitation.arena
    link = absolute(reverse("arenas:invitation", args=[token]))
    with translation.override(language):
        context = {
            "invitation": invitation,
            "arena": arena,
            "link": link,
            "inviter": invitation.invited_by.name if invitation.invited_by else arena.organisation.name,
            "role": invitation.get_role_display(),
            "site_url": site_url(),
            "site_name": settings.SITE_NAME,
            "expires": invitation.expires_at,
        }
        return (
            render_to_string("arenas/email/invitation_subject.txt", context),
            render_to_string("arenas/email/invitation.txt", context),
            render_to_string("arenas/email/invitation.html", context),
        )


def _send(invitation: Invitation, *, actor) -> None:
    """A fresh token (the old link stops working), a fresh expiry, and the email through the outbox."""
    token = new_token()
    invitation.token_hash = token_hash(token)
    invitation.expires_at = timezone.now() + Invitation.VALID_FOR
    invitation.sent_count += 1
    invitation.last_sent_at = timezone.now()
    invitation.save()
    existing = User.objects.filter(email__iexact=invitation.email, is_active=True).first()
    language = existing.language if existing else (translation.get_language() or settings.LANGUAGE_CODE)
    subject, text, html = _render_invitation_email(invitation, token, language)
    email_send_direct(
        key=f"invitation:{invitation.pk}:{invitation.sent_count}",
        to=invitation.email,
        subject=subject,
        text=text,
        html=html,
    )
    if existing:
        arena = invitation.arena
        arena_notify(
            arena=arena,
            recipients=[existing],
            event="arenas.invitation_received",
            actor=actor,
            target_title=arena.title,
            url=arena.get_absolute_url(),
            email=False,
        )


def _validate_row(
    row: InvitationRow, grantable: list[str], seen: set[str], members: set[str], invited: set[str]
) -> tuple[str, str] | None:
    """``(field, reason)`` for a row that cannot be invited, else None."""
    try:
        validate_email(row.email)
    except ValidationError:
        return "email", _("not a valid email address")
    if row.role not in Role.values:
        return "role", _("unknown role “%(role)s”; write one of: %(accepted)s") % {
            "role": row.role,
            "accepted": accepted_list(accepted_values(Role, grantable)),
        }
    if row.role not in grantable:
        return "role", _("you may not invite people as %(role)s") % {"role": Role(row.role).label}
    if row.stakeholder_type not in StakeholderType.values:
        return "stakeholder_type", _("unknown stakeholder type “%(type)s”; write one of: %(accepted)s") % {
            "type": row.stakeholder_type,
            "accepted": accepted_list(accepted_values(StakeholderType)),
        }
    if row.email in seen:
        return "email", _("duplicate in this list")
    if row.email in members:
        return "email", _("already a member")
    if row.email in invited:
        return "email", _("already invited (resend the pending invitation instead)")
    return None


@transaction.atomic
def invitations_create(*, arena: Arena, actor, rows: list[InvitationRow], message: str = "") -> BulkReport:
    """Invite every valid row; list every bad row with its reason. All valid rows or none are written."""
    require(actor, "arenas.invite_participants", arena)
    message = within_limit(message, 2000, field="message")
    grantable = roles_grantable_by(actor, arena)
    report = BulkReport()
    seen: set[str] = set()
    valid = []
    emails = [row.email for row in rows]
    members = {
        e.lower()
        for e in Membership.objects.filter(arena=arena, user__email__in=emails).values_list(
            "user__email", flat=True
        )
    }
    invited = {
        e.lower()
        for e in Invitation.objects.filter(
            arena=arena, email__in=emails, status=Invitation.Status.PENDING
        ).values_list("email", flat=True)
    }
    for row in rows:
        problem = _validate_row(row, grantable, seen, members, invited)
        if problem is None:
            seen.add(row.email)
        if problem:
            field_name, reason = problem
            report.rejected.append(
                {"line": row.line, "email": row.email, "field": field_name, "reason": reason}
            )
        else:
            valid.append(row)
    rate_limit("invitations", arena.pk, cost=len(valid))  # per arena: every address sent to counts
    now = timezone.now()
    for row in valid:
        invitation = Invitation(
            arena=arena,
            email=row.email,
            role=row.role,
            stakeholder_type=row.stakeholder_type,
            message=message,
            invited_by=actor,
            created=now,
            expires_at=now + Invitation.VALID_FOR,
            token_hash=token_hash(new_token()),
        )
        _send(invitation, actor=actor)
        report.invited.append(invitation)
    if report.invited:
        audit_record(
            actor=actor,
            action="invitation.created",
            target=arena,
            group_key=arena.group_key,
            details={
                "emails": [i.email for i in report.invited],
                "roles": sorted({i.role for i in report.invited}),
            },
        )
    return report


def invitation_create(
    *,
    arena: Arena,
    actor,
    email: str,
    role: str = Role.PARTICIPANT,
    stakeholder_type: str = StakeholderType.RESIDENT,
    message: str = "",
) -> Invitation:
    """Invite one person; a bad address, role or duplicate is a ValidationError naming the field."""
    row = InvitationRow(email=email.strip().lower(), role=role, stakeholder_type=stakeholder_type, line=1)
    report = invitations_create(arena=arena, actor=actor, rows=[row], message=message)
    if report.rejected:
        rejected = report.rejected[0]
        raise ValidationError({rejected["field"]: rejected["reason"]})
    return report.invited[0]


def invitation_by_token(token: str) -> Invitation | None:
    """The invitation behind a link. One past its expiry reads as ``expired`` (it is stored as such when
    someone tries to use it: reading a link writes nothing)."""
    invitation = (
        Invitation.objects.select_related("arena", "arena__organisation", "invited_by")
        .filter(token_hash=token_hash(token))
        .first()
    )
    if (
        invitation
        and invitation.status == Invitation.Status.PENDING
        and invitation.expires_at <= timezone.now()
    ):
        invitation.status = Invitation.Status.EXPIRED
    return invitation


def invitation_record_expiry(*, invitation: Invitation | None) -> None:
    """Store that a past-due invitation expired (when someone tries to use it)."""
    if invitation is not None and invitation.status == Invitation.Status.EXPIRED:
        Invitation.objects.filter(pk=invitation.pk, status=Invitation.Status.PENDING).update(
            status=Invitation.Status.EXPIRED
        )


class InvitationNotUsable(Exception):
    def __init__(self, invitation: Invitation | None):
        super().__init__(invitation.status if invitation else "unknown")
        self.invitation = invitation


def invitation_accept(*, token: str, user) -> Membership:
    """Only the account that owns the invited address (confirmed) accepts: a forwarded link gives nothing
    to anyone else. A refused attempt is kept in the audit log (and stays there: the refusal is written
    before the ``Refused`` is raised, outside the acceptance's transaction)."""
    invitation = invitation_by_token(token)
    if invitation is None or invitation.status != Invitation.Status.PENDING:
        invitation_record_expiry(invitation=invitation)
        raise InvitationNotUsable(invitation)
    if not can(user, "arenas.accept_invitation", invitation):
        reason = refusal(user, "arenas.accept_invitation", invitation)
        if getattr(user, "is_authenticated", False):
            audit_record(
                actor=user,
                action="invitation.refused",
                target=invitation,
                group_key=invitation.arena.group_key,
                details={"reason": "banned" if is_banned.test(user, invitation.arena) else "another address"},
            )
        raise Refused("arenas.accept_invitation", reason)
    with transaction.atomic():
        return _accept(invitation, user)


def _accept(invitation: Invitation, user) -> Membership:
    invitation = Invitation.objects.select_for_update().select_related("arena").get(pk=invitation.pk)
    arena = invitation.arena
    if invitation.status != Invitation.Status.PENDING or not arena.is_writable:  # used meanwhile
        raise InvitationNotUsable(invitation)
    membership = Membership.objects.select_for_update().filter(arena=arena, user=user).first()
    if membership and membership.banned:
        raise Refused("arenas.accept_invitation", _("You have been banned from this arena."))
    if membership is None:
        membership = Membership.objects.create(
            arena=arena, user=user, role=invitation.role, stakeholder_type=invitation.stakeholder_type
        )
    elif Standing.of_role(invitation.role) > Standing.of_role(membership.role):
        membership.role = invitation.role
        membership.save(update_fields=["role"])
    arena_pages_changed(arena)  # a member more, or a role higher
    invitation.status = Invitation.Status.ACCEPTED
    invitation.accepted_by = user
    invitation.responded_at = timezone.now()
    invitation.save(update_fields=["status", "accepted_by", "responded_at"])
    audit_record(
        actor=user,
        action="invitation.accepted",
        target=invitation,
        group_key=arena.group_key,
        details={"role": invitation.role},
    )
    remember_membership(arena, user, membership)
    return membership


def invitation_decline(*, token: str, user=None) -> Invitation:
    invitation = invitation_by_token(token)
    if invitation is None or invitation.status != Invitation.Status.PENDING:
        invitation_record_expiry(invitation=invitation)
        raise InvitationNotUsable(invitation)
    with transaction.atomic():
        return _decline(invitation, user)


def _decline(invitation: Invitation, user) -> Invitation:
    invitation.status = Invitation.Status.DECLINED
    invitation.responded_at = timezone.now()
    invitation.save(update_fields=["status", "responded_at"])
    audit_record(
        actor=user, action="invitation.declined", target=invitation, group_key=invitation.arena.group_key
    )
    return invitation


@transaction.atomic
def invitation_revoke(*, invitation: Invitation, actor) -> Invitation:
    require(actor, "arenas.manage_invitation", invitation)
    if invitation.status != Invitation.Status.PENDING:
        raise ValidationError(_("Only a pending invitation can be revoked."))
    invitation.status = Invitation.Status.REVOKED
    invitation.responded_at = timezone.now()
    invitation.save(update_fields=["status", "responded_at"])
    audit_record(
        actor=actor, action="invitation.revoked", target=invitation, group_key=invitation.arena.group_key
    )
    return invitation


@transaction.atomic
def invitation_resend(*, invitation: Invitation, actor) -> Invitation:
    arena = invitation.arena
    require(actor, "arenas.manage_invitation", invitation)
    if invitation.status not in (Invitation.Status.PENDING, Invitation.Status.EXPIRED):
        raise ValidationError(_("Only a pending or expired invitation can be sent again."))
    rate_limit("invitations", arena.pk)
    invitation.status = Invitation.Status.PENDING
    _send(invitation, actor=actor)
    audit_record(actor=actor, action="invitation.resent", target=invitation, group_key=arena.group_key)
    return invitation
