"""The object permission matrix, part two (see test_rules_objects.py): prototypes (team member, lead or
none), members (their current role × the new one) and invitations (the invited address owned and
confirmed, owned but not confirmed, or someone else's), for every role and arena state."""

import pytest
from allauth.account.models import EmailAddress

from arenas.models import Role
from arenas.policy import can
from arenas.prototypes.models import Prototype, TeamMember
from arenas.rules import RoleChange
from tests.arenas.rules_objects_helpers import (
    ARENAS,
    ROLES,
    build_world,
    close_if,
    disagreements,
    expect_accept,
    expect_ban,
    expect_change_role,
    expect_manage_team,
    expect_remove,
    expect_work,
    fresh,
    next_number,
)
from tests.factories import InvitationFactory, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(params=ARENAS, ids=[f"{v}-{s}" for v, s in ARENAS])
def world(request):
    return build_world(*request.param)


def test_prototypes(world):
    arena, people, state = world
    cases = []
    for role in ROLES[1:]:
        for team in ("none", "member", "lead"):
            prototype = Prototype.objects.create(arena=arena, title="P", hypothesis="We believe…")
            writer_role = TeamMember.Role.MEMBER if team == "lead" else TeamMember.Role.LEAD
            TeamMember.objects.create(prototype=prototype, user=people["writer"], role=writer_role)
            if team != "none":
                TeamMember.objects.create(
                    prototype=prototype,
                    user=people[role],
                    role=TeamMember.Role.LEAD if team == "lead" else TeamMember.Role.MEMBER,
                )
            cases.append((role, team, prototype))
    arena = close_if(arena, state)
    people = fresh(people)
    checks = []
    for role in ROLES:
        for member_role, team, prototype in cases:
            relation = team if member_role == role else "none"
            if member_role != role and team != "none":
                continue
            prototype = Prototype.objects.get(pk=prototype.pk)
            prototype.arena = arena
            work = can(people[role], "prototypes.change_prototype", prototype)
            moves = can(people[role], "prototypes.move", prototype)
            manage = can(people[role], "prototypes.manage_team", prototype)
            checks.append(((role, relation, "work"), work, expect_work(role, state, team=relation)))
            checks.append(((role, relation, "move"), moves, expect_work(role, state, team=relation)))
            checks.append(((role, relation, "team"), manage, expect_manage_team(role, state, team=relation)))
    assert disagreements(checks) == []


def test_members(world):
    arena, people, state = world
    targets = {}
    for member_role in (Role.OBSERVER, Role.PARTICIPANT, Role.FACILITATOR, Role.CONVENER):
        targets[member_role.value] = MembershipFactory(arena=arena, user=UserFactory(), role=member_role)
    arena = close_if(arena, state)
    people = fresh(people)
    checks = []
    for role in ROLES:
        for current, membership in targets.items():
            membership.arena = arena
            ban = can(people[role], "arenas.ban_member", membership)
            remove = can(people[role], "arenas.remove_member", membership)
            checks.append(((role, current, "ban"), ban, expect_ban(role, state, current=current)))
            checks.append(((role, current, "remove"), remove, expect_remove(role, state, current=current)))
            for new in Role.values:
                got = can(people[role], "arenas.change_role", RoleChange(membership, new))
                want = expect_change_role(role, state, current=current, new=new)
                checks.append(((role, current, new), got, want))
    assert disagreements(checks) == []


def test_invitations(world):
    arena, people, state = world
    checks = []
    for role in ROLES:
        viewer = people[role]
        for address in ("owned, verified", "owned, not verified", "another"):
            if address == "another" or role == "anonymous":
                email = f"someone-else-{next_number()}@example.org"
            else:
                email = f"second-{next_number()}@example.org"
                EmailAddress.objects.create(user=viewer, email=email, verified=address == "owned, verified")
            invitation = InvitationFactory(arena=arena, email=email)
            invitation.arena = arena
            viewer = fresh({role: viewer})[role]
            got = can(viewer, "arenas.accept_invitation", invitation)
            want = expect_accept(role, address=address if role != "anonymous" else "another")
            checks.append(((role, address, "accept"), got, want))
            checks.append(
                ((role, address, "decline"), can(viewer, "arenas.decline_invitation", invitation), True)
            )
    assert disagreements(checks) == []
