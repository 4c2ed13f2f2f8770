"""The arena's part of the one policy (DESIGN.md section 3): the arena table, and below it the rows about
members and invitations. django-rules predicates, registered in ``arenas.policy`` with the sentence each
refused person reads. The parts of the arena add theirs (``deliberation.rules``, ``prototypes.rules``).
"""

from dataclasses import dataclass

import rules
from allauth.account.models import EmailAddress
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .access import is_org_staff, is_site_admin, membership_of, org_roles, standing
from .models import Arena, Role, Standing
from .policy import can, on_arena, permission_register, refusal, require

__all__ = ["can", "refusal", "require"]


def _at_least(level: Standing):
    @rules.predicate(name=f"has_role_at_least_{level.name.lower()}")
    def predicate(user, arena):
        return standing(user, arena) >= level

    return predicate


is_authenticated = rules.is_authenticated
is_observer_or_more = _at_least(Standing.OBSERVER)
is_participant_or_more = _at_least(Standing.PARTICIPANT)
is_facilitator_or_more = _at_least(Standing.FACILITATOR)
is_convener_or_more = _at_least(Standing.CONVENER)


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
    return standing(user, arena) == Standing.NONE


@rules.predicate
def is_banned(user, arena):
    return standing(user, arena) == Standing.BANNED


can_view_arena = (arena_is_draft & is_convener_or_more) | (
    ~arena_is_draft & (~arena_is_private | is_observer_or_more)
)


def read_only(user, arena) -> str:
    return _("This arena is %(status)s: it is read-only.") % {"status": arena.get_status_display().lower()}


SEE = (can_view_arena, gettext_lazy("You may not see this arena."))
WRITABLE = (arena_is_writable, read_only)
NOT_BANNED = (~is_banned, gettext_lazy("You have been banned from this arena."))
SIGNED_IN = (is_authenticated, gettext_lazy("Sign in first."))

# --- the arena table -----------------------------------------------------------------------------------------

permission_register("arenas.view_arena", SEE)
permission_register(
    "arenas.view_members",
    SEE,
    (is_observer_or_more, gettext_lazy("Only the arena's members can see who the other members are.")),
)
permission_register(
    "arenas.join_arena",
    SEE,
    SIGNED_IN,
    (arena_is_public, gettext_lazy("Only a public arena can be joined at once: ask to join this one.")),
    (arena_is_open, gettext_lazy("This arena does not take new members now.")),
    NOT_BANNED,
    (has_no_role, gettext_lazy("You already take part in this arena.")),
)
permission_register(
    "arenas.request_join",
    SEE,
    SIGNED_IN,
    (arena_is_restricted, gettext_lazy("Only a restricted arena takes requests to join.")),
    (arena_is_open, gettext_lazy("This arena does not take new members now.")),
    NOT_BANNED,
    (has_no_role, gettext_lazy("You already take part in this arena.")),
)
permission_register(
    "arenas.leave_arena",
    SIGNED_IN,
    (~has_no_membership, gettext_lazy("You are not a member of this arena.")),
    WRITABLE,
    NOT_BANNED,
    (is_observer_or_more, gettext_lazy("You are not a member of this arena.")),
)
permission_register(
    "arenas.contribute",
    SEE,
    WRITABLE,
    NOT_BANNED,
    (
        is_participant_or_more,
        gettext_lazy(
            "Only the arena's participants, facilitators and conveners take part: they start threads, "
            "post, endorse, create prototypes and give feedback. Observers and visitors can read."
        ),
    ),
)
permission_register("arenas.flag", SEE, SIGNED_IN, WRITABLE, NOT_BANNED)
# What anyone not banned may still do to their own things while the arena is writable (delete a post).
permission_register("arenas.act", SEE, SIGNED_IN, WRITABLE, NOT_BANNED)
permission_register(
    "arenas.moderate",
    SEE,
    WRITABLE,
    NOT_BANNED,
    (
        is_facilitator_or_more,
        gettext_lazy(
            "Only the arena's facilitators and conveners moderate it: they hide posts, lock, pin, resolve "
            "and summarise threads, and ban people."
        ),
    ),
)
permission_register(
    "arenas.invite_participants",
    SEE,
    WRITABLE,
    NOT_BANNED,
    (
        is_facilitator_or_more,
        gettext_lazy("Only the arena's facilitators and conveners invite people and answer join requests."),
    ),
)
permission_register(
    "arenas.manage_members",
    SEE,
    WRITABLE,
    NOT_BANNED,
    (
        is_convener_or_more,
        gettext_lazy(
            "Only the arena's conveners invite facilitators and conveners, change roles and remove members."
        ),
    ),
)
permission_register(
    "arenas.change_arena",
    SEE,
    WRITABLE,
    (
        is_convener_or_more,
        gettext_lazy("Only the arena's conveners and its organisation's admins can edit it."),
    ),
)
permission_register(
    "arenas.read_audit",
    SEE,
    (
        is_convener_or_more,
        gettext_lazy("Only the arena's conveners and its organisation's admins read its audit log."),
    ),
)
permission_register(
    "arenas.change_status",
    SEE,
    (
        is_convener_or_more,
        gettext_lazy("Only the arena's conveners and its organisation's admins can change its status."),
    ),
)
permission_register(
    "arenas.decide_prototype",
    SEE,
    WRITABLE,
    (is_convener_or_more, gettext_lazy("Only conveners decide adopted, scaled and abandoned.")),
)
permission_register(
    "arenas.view_insights",
    SEE,
    (
        is_facilitator_or_more,
        gettext_lazy("Only the arena's facilitators and conveners see this."),
    ),
)
# Muting an arena: its notifications stop (in the app and by email) until unmuted; a member's choice, also
# once the arena is closed.
permission_register(
    "arenas.mute_arena",
    SEE,
    SIGNED_IN,
    NOT_BANNED,
    (is_observer_or_more, gettext_lazy("Only the arena's members mute or unmute it.")),
)
# The arena's moderators by role, also once it is closed: they read what was hidden, with its reason.
permission_register(
    "arenas.read_moderated",
    SEE,
    (
        is_facilitator_or_more,
        gettext_lazy("Only its author and the arena's facilitators and conveners read a hidden post."),
    ),
)


# The arena table's rows, as the API's ``permissions`` of an arena lists them.
ARENA_TABLE = (
    "arenas.view_arena",
    "arenas.view_members",
    "arenas.join_arena",
    "arenas.request_join",
    "arenas.leave_arena",
    "arenas.contribute",
    "arenas.flag",
    "arenas.moderate",
    "arenas.invite_participants",
    "arenas.manage_members",
    "arenas.change_arena",
    "arenas.change_status",
    "arenas.decide_prototype",
    "arenas.view_insights",
)


def can_create_arena_for(user, organisation) -> bool:
    """Organisation staff and admins open arenas for their organisation; site admins for any."""
    return is_site_admin(user) or is_org_staff(user, organisation.pk)


def may_open_arenas(user) -> bool:
    """Whether ``user`` may open an arena for some organisation (``can_create_arena_for`` decides which)."""
    return is_site_admin(user) or bool(org_roles(user))


def roles_grantable_by(user, arena) -> list[str]:
    """Who may be invited as what: conveners (and above) any role; facilitators participants and
    observers only."""
    if can(user, "arenas.manage_members", arena):
        return [Role.CONVENER, Role.FACILITATOR, Role.PARTICIPANT, Role.OBSERVER]
    if can(user, "arenas.invite_participants", arena):
        return [Role.PARTICIPANT, Role.OBSERVER]
    return []


# --- below the arena: members --------------------------------------------------------------------------------


@dataclass(frozen=True)
class RoleChange:
    """What ``arenas.change_role`` is asked about: giving ``membership`` the role ``role``."""

    membership: object
    role: str

    @property
    def arena(self):
        return self.membership.arena


@rules.predicate
def outranks_member(user, membership):
    """The person stands above the member's role (nobody outranks themselves)."""
    return standing(user, membership.arena) > Standing.of_role(membership.role)


@rules.predicate
def outranks_current_role(user, change):
    return outranks_member.test(user, change.membership)


@rules.predicate
def outranks_new_role(user, change):
    return change.role in Role.values and standing(user, change.arena) > Standing.of_role(change.role)


OUTRANK = gettext_lazy("You can only do this for members whose role is below yours.")

permission_register(
    "arenas.change_role",
    on_arena("arenas.manage_members"),
    (outranks_current_role, OUTRANK),
    (outranks_new_role, gettext_lazy("You can only give a role below your own.")),
)
permission_register("arenas.remove_member", on_arena("arenas.manage_members"), (outranks_member, OUTRANK))
permission_register("arenas.ban_member", on_arena("arenas.moderate"), (outranks_member, OUTRANK))


def roles_assignable_by(user, membership) -> list[str]:
    """The roles ``user`` may give ``membership`` (its current one first among them if allowed)."""
    return [role for role in Role.values if can(user, "arenas.change_role", RoleChange(membership, role))]


# --- below the arena: invitations ----------------------------------------------------------------------------


def verified_addresses(user) -> set[str]:
    """The person's confirmed email addresses, lower-cased (one query, cached on the user object)."""
    if not getattr(user, "is_authenticated", False):
        return set()
    if "_verified_addresses" not in user.__dict__:
        user.__dict__["_verified_addresses"] = {
            email.lower()
            for email in EmailAddress.objects.filter(user=user, verified=True).values_list("email", flat=True)
        }
    return user.__dict__["_verified_addresses"]


@rules.predicate
def owns_invited_address(user, invitation):
    return invitation.email.lower() in verified_addresses(user)


@rules.predicate
def not_banned_from_invitation_arena(user, invitation):
    return not is_banned.test(user, invitation.arena)


def mask_email(address: str) -> str:
    """``sofie@example.net`` → ``s•••@example.net``: enough to recognise one's own address, not to learn
    someone else's."""
    local, _at, domain = address.partition("@")
    return f"{local[:1]}•••@{domain}" if domain else "•••"


def _sent_elsewhere(user, invitation) -> str:
    return _(
        "This invitation was sent to %(email)s, not to the address you are signed in with. Sign out and "
        "sign in with that address, add it to your account, or decline."
    ) % {"email": mask_email(invitation.email)}


permission_register(
    "arenas.accept_invitation",
    SIGNED_IN,
    (owns_invited_address, _sent_elsewhere),
    (not_banned_from_invitation_arena, gettext_lazy("You have been banned from this arena.")),
)
permission_register("arenas.decline_invitation", (rules.always_allow, None))


@rules.predicate
def may_grant_invited_role(user, invitation):
    return invitation.role in roles_grantable_by(user, invitation.arena)


permission_register(
    "arenas.manage_invitation",
    on_arena("arenas.invite_participants"),
    (
        may_grant_invited_role,
        gettext_lazy(
            "Only the arena's conveners resend or withdraw invitations to facilitators and conveners."
        ),
    ),
)
