"""The one permission policy (DESIGN.md section 3), as django-rules predicates.

HTML views, API views and services all ask through ``can`` / ``require``, never re-implementing a row.
``can`` evaluates our rule set directly: Django's ``user.has_perm`` would let superusers through
everything, including writes to a closed arena, which is read-only for everyone.
"""

import rules
from django.core.exceptions import PermissionDenied

from .access import BANNED, is_org_staff, is_site_admin, membership_of, rank
from .models import Arena, Role
from .models.membership import ROLE_RANK


def _at_least(role):
    minimum = ROLE_RANK[role]

    @rules.predicate(name=f"has_role_at_least_{role}")
    def predicate(user, arena):
        return rank(user, arena) >= minimum

    return predicate


is_authenticated = rules.is_authenticated
is_observer_or_more = _at_least(Role.OBSERVER)
is_participant_or_more = _at_least(Role.PARTICIPANT)
is_facilitator_or_more = _at_least(Role.FACILITATOR)
is_convener_or_more = _at_least(Role.CONVENER)


@rules.predicate
def arena_is_writable(user, arena):
    """Closed and archived arenas are read-only for everyone."""
    return arena.is_writable


@rules.predicate
def arena_is_draft(user, arena):
    return arena.status == Arena.Status.DRAFT


@rules.predicate
def arena_is_open(user, arena):
    return arena.status == Arena.Status.OPEN


@rules.predicate
def arena_is_private(user, arena):
    return arena.visibility == Arena.Visibility.PRIVATE


@rules.predicate
def arena_is_public(user, arena):
    return arena.visibility == Arena.Visibility.PUBLIC


@rules.predicate
def arena_is_restricted(user, arena):
    return arena.visibility == Arena.Visibility.RESTRICTED


@rules.predicate
def has_no_membership(user, arena):
    """Not a member, not banned (a banned member cannot rejoin)."""
    return membership_of(user, arena) is None


@rules.predicate
def has_no_role(user, arena):
    """Neither a member (banned ones included) nor an organisation or site admin."""
    return rank(user, arena) == 0


@rules.predicate
def is_banned(user, arena):
    return rank(user, arena) == BANNED


can_view_arena = (arena_is_draft & is_convener_or_more) | (
    ~arena_is_draft & (~arena_is_private | is_observer_or_more)
)

POLICY = {
    "arenas.view_arena": can_view_arena,
    "arenas.view_members": can_view_arena & is_observer_or_more,
    "arenas.join_arena": can_view_arena & is_authenticated & arena_is_public & arena_is_open & has_no_role,
    "arenas.request_join": can_view_arena
    & is_authenticated
    & arena_is_restricted
    & arena_is_open
    & has_no_role,
    "arenas.leave_arena": is_authenticated & is_observer_or_more & ~has_no_membership & arena_is_writable,
    "arenas.contribute": can_view_arena & is_participant_or_more & arena_is_writable,
    "arenas.flag": can_view_arena & is_authenticated & ~is_banned & arena_is_writable,
    "arenas.moderate": can_view_arena & is_facilitator_or_more & arena_is_writable,
    "arenas.invite_participants": can_view_arena & is_facilitator_or_more & arena_is_writable,
    "arenas.manage_members": can_view_arena & is_convener_or_more & arena_is_writable,
    "arenas.change_arena": can_view_arena & is_convener_or_more & arena_is_writable,
    "arenas.change_status": can_view_arena & is_convener_or_more,
    "arenas.decide_prototype": can_view_arena & is_convener_or_more & arena_is_writable,
    "arenas.view_insights": can_view_arena & is_facilitator_or_more,
}

for _name, _predicate in POLICY.items():
    rules.add_perm(_name, _predicate)


def can_create_arena_for(user, organisation) -> bool:
    """Organisation staff and admins open arenas for their organisation; site admins for any."""
    return is_site_admin(user) or is_org_staff(user, organisation.pk)


def can(user, permission: str, arena) -> bool:
    return POLICY[permission].test(user, arena)


def require(user, permission: str, arena) -> None:
    """For services: refuse (PermissionDenied) what the policy does not allow."""
    if not can(user, permission, arena):
        raise PermissionDenied(permission)


def roles_grantable_by(user, arena) -> list[str]:
    """Conveners (and above) may grant any role; facilitators participants and observers only."""
    if can(user, "arenas.manage_members", arena):
        return [Role.CONVENER, Role.FACILITATOR, Role.PARTICIPANT, Role.OBSERVER]
    if can(user, "arenas.invite_participants", arena):
        return [Role.PARTICIPANT, Role.OBSERVER]
    return []
