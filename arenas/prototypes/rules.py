"""The prototypes' part of the one policy: DESIGN.md section 3, "below the arena, on single objects" —
working on a prototype and managing its team. Registered in ``arenas.policy`` beside the arena's
permissions (the arena's writability and bans apply on top, through ``on_arena``)."""

from operator import attrgetter

import rules
from django.utils.translation import gettext_lazy

from arenas.policy import can, on_arena, permission_register

from .models import Prototype, TeamMember
from .stages import needs_convener


def team_roles(prototype: Prototype) -> dict[int, str]:
    """{user id: team role} — from the team the selectors prefetched, else one query; cached on the
    prototype (services that change the team call ``team_forget``)."""
    if "_team_roles" not in prototype.__dict__:
        prototype.__dict__["_team_roles"] = {m.user_id: m.role for m in prototype.team.all()}
    return prototype.__dict__["_team_roles"]


def team_forget(prototype: Prototype) -> None:
    prototype.__dict__.pop("_team_roles", None)
    getattr(prototype, "_prefetched_objects_cache", {}).pop("team", None)


@rules.predicate
def is_team_member(user, prototype):
    return bool(getattr(user, "is_authenticated", False) and user.pk in team_roles(prototype))


@rules.predicate
def is_team_lead(user, prototype):
    return bool(
        getattr(user, "is_authenticated", False)
        and team_roles(prototype).get(user.pk) == TeamMember.Role.LEAD
    )


contributes = on_arena("arenas.contribute").predicate
moderates = on_arena("arenas.moderate").predicate
ACTS = on_arena("arenas.act")
# Its team (while they may contribute to the arena), and the arena's facilitators and up.
works_on = (is_team_member & contributes) | moderates

WORK = gettext_lazy(
    "Only the prototype's team and the arena's facilitators and conveners change it, plan and run its "
    "rounds and record its indicators. Ask to join the team first."
)

permission_register("prototypes.change_prototype", ACTS, (works_on, WORK))
permission_register(
    "prototypes.move",
    ACTS,
    (
        works_on,
        gettext_lazy(
            "Only the prototype's team and the arena's facilitators and conveners move it between stages."
        ),
    ),
)
permission_register("prototypes.decide", on_arena("arenas.decide_prototype"))
permission_register(
    "prototypes.manage_team",
    ACTS,
    (
        (is_team_lead & contributes) | moderates,
        gettext_lazy("Only the team's lead and the arena's facilitators and conveners change the team."),
    ),
)
permission_register(
    "prototypes.join_team",
    on_arena("arenas.contribute"),
    (~is_team_member, gettext_lazy("You are already in this team.")),
)
permission_register("prototypes.give_feedback", on_arena("arenas.contribute"))
permission_register("prototypes.enter_offline_feedback", on_arena("arenas.moderate"))


@rules.predicate
def is_themselves(user, member):
    return bool(getattr(user, "is_authenticated", False) and member.user_id == user.pk)


acts_in_arena = on_arena("arenas.act", attrgetter("prototype.arena")).predicate


@rules.predicate
def manages_team(user, member):
    return can(user, "prototypes.manage_team", member.prototype)


permission_register(
    "prototypes.remove_team_member",
    (
        (is_themselves & acts_in_arena) | manages_team,
        gettext_lazy("Only the team's lead and the arena's facilitators and conveners change the team."),
    ),
)


def move_permission(to_stage: str) -> str:
    """Decisions (adopted, scaled, abandoned) are the conveners'; the other moves the team's."""
    return "prototypes.decide" if needs_convener(to_stage) else "prototypes.move"


def can_move(user, prototype: Prototype, to_stage: str) -> bool:
    return can(user, move_permission(to_stage), prototype)
