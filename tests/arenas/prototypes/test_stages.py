"""The transition table, exhaustively: every from-stage × to-stage × role."""

import itertools

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError

from arenas.models import Role
from arenas.prototypes.models import Prototype, StageTransition, TeamMember
from arenas.prototypes.services.prototypes import prototype_transition
from arenas.prototypes.stages import DECISIONS, TRANSITIONS, Stage
from platform_core.organisations.models import OrganisationMember
from tests.factories import ArenaFactory, MembershipFactory, PrototypeFactory, UserFactory

pytestmark = pytest.mark.django_db

# The table as the issue states it.
EXPECTED_MOVES = {
    ("idea", "design"),
    ("design", "testing"),
    ("testing", "evaluation"),
    ("evaluation", "adopted"),
    ("evaluation", "scaled"),
    ("evaluation", "paused"),
    ("evaluation", "abandoned"),
    ("evaluation", "design"),
    ("paused", "design"),
}
ROLES = [
    "anonymous",
    "outsider",
    "observer",
    "participant",
    "team member",
    "team lead",
    "facilitator",
    "convener",
    "org admin",
    "site admin",
]
MAY_MOVE = {"team member", "team lead", "facilitator", "convener", "org admin", "site admin"}
MAY_DECIDE = {"convener", "org admin", "site admin"}


def test_the_table_is_the_issues_table():
    assert {(a, b) for a, tos in TRANSITIONS.items() for b in tos} == EXPECTED_MOVES
    assert {"adopted", "scaled", "abandoned"} == DECISIONS


@pytest.fixture
def cast():
    arena = ArenaFactory()
    people = {
        "anonymous": AnonymousUser(),
        "outsider": UserFactory(),
        "site admin": UserFactory(is_superuser=True),
    }
    for role in ("observer", "participant", "facilitator", "convener"):
        people[role] = MembershipFactory(arena=arena, role=role).user
    people["team member"] = MembershipFactory(arena=arena, role=Role.PARTICIPANT).user
    people["team lead"] = MembershipFactory(arena=arena, role=Role.PARTICIPANT).user
    org_admin = UserFactory()
    OrganisationMember.objects.create(organisation=arena.organisation, user=org_admin, role="admin")
    people["org admin"] = org_admin
    return arena, people


@pytest.mark.parametrize("from_stage", Stage.values)
def test_every_move_for_every_role(cast, from_stage):
    arena, people = cast
    wrong = []
    for to_stage, role in itertools.product(Stage.values, ROLES):
        prototype = PrototypeFactory(arena=arena, lead=people["team lead"], stage=from_stage)
        TeamMember.objects.create(prototype=prototype, user=people["team member"])
        allowed_move = (from_stage, to_stage) in EXPECTED_MOVES
        allowed_role = role in (MAY_DECIDE if to_stage in DECISIONS else MAY_MOVE)
        try:
            prototype_transition(prototype=prototype, actor=people[role], to_stage=to_stage, reason="Because")
            outcome = "moved"
        except ValidationError:
            outcome = "not in the table"
        except PermissionDenied:
            outcome = "not allowed"
        expected = "not in the table" if not allowed_move else ("moved" if allowed_role else "not allowed")
        if outcome != expected:
            wrong.append((from_stage, to_stage, role, outcome, expected))
        moved = Prototype.objects.get(pk=prototype.pk).stage == to_stage and from_stage != to_stage
        if moved != (outcome == "moved"):
            wrong.append((from_stage, to_stage, role, "stage", moved))
    assert wrong == []


def test_a_decision_needs_a_reason_and_is_recorded(cast):
    arena, people = cast
    prototype = PrototypeFactory(arena=arena, stage="evaluation")

    with pytest.raises(ValidationError):
        prototype_transition(prototype=prototype, actor=people["convener"], to_stage="adopted", reason="  ")
    prototype_transition(prototype=prototype, actor=people["convener"], to_stage="adopted", reason="It works")

    transition = StageTransition.objects.get(prototype=prototype, to_stage="adopted")
    assert (transition.from_stage, transition.actor, transition.reason) == (
        "evaluation",
        people["convener"],
        "It works",
    )


def test_a_closed_arena_takes_no_moves(cast):
    arena, people = cast
    prototype = PrototypeFactory(arena=arena, lead=people["team lead"])
    arena.status = "closed"
    arena.save()

    with pytest.raises(PermissionDenied):
        prototype_transition(
            prototype=Prototype.objects.get(pk=prototype.pk), actor=people["team lead"], to_stage="design"
        )
