from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from platform_core.audit.services import audit_record
from platform_core.exceptions import Refused
from platform_core.ratelimits import rate_limit
from platform_core.text import within_limit

from ..access import membership_of, remember_membership
from ..models import Arena, JoinLink, JoinRequest, Membership, Role, StakeholderType
from ..models.membership import Standing
from ..page_cache import arena_pages_changed
from ..rules import RoleChange, require, roles_grantable_by
from .telling import arena_notify, ban_notify


def _fresh(arena: Arena, user, membership):
    remember_membership(arena, user, membership)
    return membership


def _validate_stakeholder(stakeholder_type: str) -> str:
    if stakeholder_type not in StakeholderType.values:
        raise ValidationError({"stakeholder_type": _("Choose a stakeholder type from the list.")})
    return stakeholder_type


@transaction.atomic
def arena_join(*, arena: Arena, user, stakeholder_type: str = StakeholderType.RESIDENT) -> Membership:
    """Self-join a public, open arena as a participant."""
    require(user, "arenas.join_arena", arena)
    membership = Membership.objects.create(
        arena=arena,
        user=user,
        role=Role.PARTICIPANT,
        stakeholder_type=_validate_stakeholder(stakeholder_type),
    )
    arena_pages_changed(arena)  # the member count and mix
    return _fresh(arena, user, membership)


@transaction.atomic
def arena_leave(*, arena: Arena, user) -> None:
    require(user, "arenas.leave_arena", arena)
    membership = membership_of(user, arena)
    if (
        membership.role == Role.CONVENER
        and not Membership.objects.filter(arena=arena, role=Role.CONVENER, banned=False)
        .exclude(pk=membership.pk)
        .exists()
    ):
        raise ValidationError(
            _("You are the arena's only convener. Make someone else convener before you leave.")
        )
    membership.delete()
    arena_pages_changed(arena)
    _fresh(arena, user, None)


@transaction.atomic
def join_request_create(
    *, arena: Arena, user, note: str = "", stakeholder_type: str = StakeholderType.RESIDENT
) -> JoinRequest:
    require(user, "arenas.request_join", arena)
    if JoinRequest.objects.filter(arena=arena, user=user, status=JoinRequest.Status.PENDING).exists():
        raise ValidationError(_("You have already asked to join. The facilitators will answer soon."))
    note = within_limit(note, 1000, field="note")
    rate_limit("join_requests", user.pk)
    request = JoinRequest.objects.create(
        arena=arena,
        user=user,
        note=note,
        stakeholder_type=_validate_stakeholder(stakeholder_type),
    )
    deciders = Membership.objects.filter(
        arena=arena, banned=False, role__in=[Role.CONVENER, Role.FACILITATOR]
    ).values_list("user_id", flat=True)
    arena_notify(
        arena=arena,
        recipients=list(deciders),
        event="arenas.join_request_received",
        actor=user,
        target_title=arena.title,
        url=f"{arena.get_absolute_url()}members/#join-requests",
    )
    return request


@transaction.atomic
def join_request_decide(*, join_request: JoinRequest, actor, approve: bool) -> JoinRequest:
    arena = join_request.arena
    require(actor, "arenas.invite_participants", arena)
    join_request = JoinRequest.objects.select_for_update().get(pk=join_request.pk)
    if join_request.status != JoinRequest.Status.PENDING:
        raise ValidationError(_("This request has already been answered."))
    if approve and Membership.objects.filter(arena=arena, user=join_request.user, banned=True).exists():
        raise ValidationError(_("This person was banned from the arena; lift the ban before approving."))
    join_request.status = JoinRequest.Status.APPROVED if approve else JoinRequest.Status.DECLINED
    join_request.decided_by = actor
    join_request.decided_at = timezone.now()
    join_request.save(update_fields=["status", "decided_by", "decided_at"])
    if approve:
        Membership.objects.get_or_create(
            arena=arena,
            user=join_request.user,
            defaults={"role": Role.PARTICIPANT, "stakeholder_type": join_request.stakeholder_type},
        )
        arena_pages_changed(arena)
    audit_record(
        actor=actor,
        action="join_request.approved" if approve else "join_request.declined",
        target=join_request,
        group_key=arena.group_key,
    )
    arena_notify(
        arena=arena,
        recipients=[join_request.user],
        event="arenas.join_request_approved" if approve else "arenas.join_request_declined",
        actor=actor,
        target_title=arena.title,
        url=arena.get_absolute_url(),
    )
    return join_request


def _target_membership(arena: Arena, membership: Membership) -> Membership:
    """The member's row, locked, sharing ``arena`` (whose viewer's standing is already loaded)."""
    if membership.arena_id != arena.pk:
        raise ValidationError(_("That person is not a member of this arena."))
    locked = Membership.objects.select_for_update().select_related("user").get(pk=membership.pk)
    locked.arena = arena
    return locked


def _keeps_a_convener(arena: Arena, membership: Membership) -> None:
    if (
        membership.role == Role.CONVENER
        and not Membership.objects.filter(arena=arena, role=Role.CONVENER, banned=False)
        .exclude(pk=membership.pk)
        .exists()
    ):
        raise ValidationError(_("An arena needs at least one convener."))


@transaction.atomic
def membership_change_role(
    *, arena: Arena, membership: Membership, actor, role: str, stakeholder_type: str | None = None
) -> Membership:
    """Someone who outranks both the member's current and new role changes it (and, optionally, the
    stakeholder type they take part as)."""
    if role not in Role.values:
        raise ValidationError({"role": _("Choose a role from the list.")})
    membership = _target_membership(arena, membership)
    require(actor, "arenas.change_role", RoleChange(membership, role))
    previous = membership.role
    if role != previous and Standing.of_role(role) < Standing.of_role(previous):
        _keeps_a_convener(arena, membership)
    membership.role = role
    if stakeholder_type:
        membership.stakeholder_type = _validate_stakeholder(stakeholder_type)
    membership.save(update_fields=["role", "stakeholder_type"])
    arena_pages_changed(arena)
    if role != previous:
        audit_record(
            actor=actor,
            action="membership.role_changed",
            target=membership,
            group_key=arena.group_key,
            details={"from": previous, "to": role},
        )
        arena_notify(
            arena=arena,
            recipients=[membership.user_id],
            event="arenas.role_changed",
            actor=actor,
            target_title=f"{arena.title}: {membership.get_role_display()}",
            url=arena.get_absolute_url(),
            data={"role": role},
        )
    return membership


@transaction.atomic
def membership_add(
    *,
    arena: Arena,
    user,
    actor,
    role: str = Role.PARTICIPANT,
    stakeholder_type: str = StakeholderType.RESIDENT,
) -> Membership:
    """Make someone a member directly (a site admin in the admin): someone who may give that role."""
    if role not in Role.values:
        raise ValidationError({"role": _("Choose a role from the list.")})
    if Membership.objects.filter(arena=arena, user=user).exists():
        raise ValidationError(_("That person is already a member of this arena."))
    membership = Membership(
        arena=arena, user=user, role=role, stakeholder_type=_validate_stakeholder(stakeholder_type)
    )
    require(actor, "arenas.change_role", RoleChange(membership, role))
    membership.save()
    arena_pages_changed(arena)
    audit_record(
        actor=actor,
        action="membership.added",
        target=membership,
        group_key=arena.group_key,
        details={"role": role},
    )
    arena_notify(
        arena=arena,
        recipients=[user],
        event="arenas.role_changed",
        actor=actor,
        target_title=f"{arena.title}: {membership.get_role_display()}",
        url=arena.get_absolute_url(),
        data={"role": role},
    )
    return _fresh(arena, user, membership)


@transaction.atomic
def membership_remove(*, arena: Arena, membership: Membership, actor) -> None:
    membership = _target_membership(arena, membership)
    require(actor, "arenas.remove_member", membership)
    _keeps_a_convener(arena, membership)
    audit_record(
        actor=actor,
        action="membership.removed",
        target=membership,
        group_key=arena.group_key,
        details={"user": membership.user.email, "role": membership.role},
    )
    membership.delete()
    arena_pages_changed(arena)


@transaction.atomic
def membership_ban(*, arena: Arena, membership: Membership, actor, reason: str) -> Membership:
    """Facilitators and conveners ban, with a reason. A banned person sees the arena as a non-member
    would and cannot rejoin. Only someone who outranks the member's role bans them."""
    membership = _target_membership(arena, membership)
    if membership.user_id == actor.pk:
        raise ValidationError(_("You cannot ban yourself."))
    require(actor, "arenas.ban_member", membership)
    if not reason.strip():
        raise ValidationError({"reason": _("Say why: the reason is kept with the ban.")})
    reason = within_limit(reason, 500, field="reason")
    _keeps_a_convener(arena, membership)
    membership.banned = True
    membership.ban_reason = reason
    membership.banned_by = actor
    membership.banned_at = timezone.now()
    membership.save(update_fields=["banned", "ban_reason", "banned_by", "banned_at"])
    arena_pages_changed(arena)
    audit_record(
        actor=actor,
        action="membership.banned",
        target=membership,
        group_key=arena.group_key,
        details={"reason": membership.ban_reason},
    )
    ban_notify(arena=arena, membership=membership, actor=actor)
    return membership


@transaction.atomic
def membership_unban(*, arena: Arena, membership: Membership, actor) -> Membership:
    membership = _target_membership(arena, membership)
    require(actor, "arenas.ban_member", membership)
    membership.banned = False
    membership.ban_reason = ""
    membership.banned_by = None
    membership.banned_at = None
    membership.save(update_fields=["banned", "ban_reason", "banned_by", "banned_at"])
    arena_pages_changed(arena)
    audit_record(actor=actor, action="membership.unbanned", target=membership, group_key=arena.group_key)
    return membership


@transaction.atomic
def join_link_create(
    *,
    arena: Arena,
    actor,
    role: str = Role.PARTICIPANT,
    expires_at=None,
    max_uses: int | None = None,
    stakeholder_type: str = "",
) -> JoinLink:
    """A link to join ``arena`` as ``role``; with ``stakeholder_type`` its page preselects that type."""
    require(actor, "arenas.invite_participants", arena)
    if stakeholder_type:
        _validate_stakeholder(stakeholder_type)
    if role not in (Role.PARTICIPANT, Role.OBSERVER):
        raise ValidationError({"role": _("A join link gives the participant or observer role.")})
    if max_uses is not None and max_uses < 1:
        raise ValidationError({"max_uses": _("Allow at least one use, or leave it empty for no limit.")})
    if expires_at is not None and expires_at <= timezone.now():
        raise ValidationError({"expires_at": _("Pick a time in the future.")})
    link = JoinLink.objects.create(
        arena=arena,
        role=role,
        stakeholder_type=stakeholder_type,
        expires_at=expires_at,
        max_uses=max_uses,
        created_by=actor,
    )
    audit_record(
        actor=actor,
        action="join_link.created",
        target=link,
        group_key=arena.group_key,
        details={
            "role": role,
            "stakeholder_type": stakeholder_type,
            "max_uses": max_uses,
            "expires_at": expires_at.isoformat() if expires_at else None,
        },
    )
    return link


@transaction.atomic
def join_link_revoke(*, link: JoinLink, actor) -> JoinLink:
    require(actor, "arenas.invite_participants", link.arena)
    if link.revoked_at is None:
        link.revoked_at = timezone.now()
        link.save(update_fields=["revoked_at"])
        audit_record(actor=actor, action="join_link.revoked", target=link, group_key=link.arena.group_key)
    return link


class JoinLinkUnusable(Exception):
    pass


@transaction.atomic
def join_link_use(*, token: str, user, stakeholder_type: str = StakeholderType.RESIDENT) -> Membership:
    """Join through a link. Already a member: nothing changes. Banned: refused."""
    link = JoinLink.objects.select_for_update().select_related("arena").filter(token=token).first()
    if link is None:
        raise JoinLinkUnusable(token)
    arena = link.arena
    existing = Membership.objects.filter(arena=arena, user=user).first()
    if existing is not None:
        if existing.banned:
            raise Refused("arenas.join_arena", _("You have been banned from this arena."))
        return _fresh(arena, user, existing)
    if not link.is_usable or not arena.is_writable:
        raise JoinLinkUnusable(token)
    try:
        with transaction.atomic():
            membership = Membership.objects.create(
                arena=arena,
                user=user,
                role=link.role,
                stakeholder_type=_validate_stakeholder(stakeholder_type),
            )
    except IntegrityError:
        return Membership.objects.get(arena=arena, user=user)
    arena_pages_changed(arena)
    link.uses += 1
    link.save(update_fields=["uses"])
    return _fresh(arena, user, membership)


def roles_for_form(actor, arena) -> list[tuple[str, str]]:
    grantable = roles_grantable_by(actor, arena)
    return [(value, label) for value, label in Role.choices if value in grantable]
