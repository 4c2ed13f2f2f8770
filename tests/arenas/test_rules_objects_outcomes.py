"""The object permission matrix, the outcomes' row: deciding on a thread, idea or prototype ("you said, we
did") is for conveners (and organisation and site admins, who act as conveners), in an open arena — for
every role × arena (public/private, open/closed). A closed arena is read-only: no one decides there."""

import pytest

from arenas.models import Standing
from arenas.policy import can
from tests.arenas.rules_objects_helpers import (
    ARENAS,
    ROLES,
    STANDING,
    acts,
    build_world,
    close_if,
    disagreements,
    fresh,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(params=ARENAS, ids=[f"{v}-{s}" for v, s in ARENAS])
def world(request):
    return build_world(*request.param)


def expect_decide(role, arena) -> bool:
    return acts(role, arena) and STANDING[role] >= Standing.CONVENER


def test_deciding(world):
    arena, people, state = world
    arena = close_if(arena, state)
    people = fresh(people)
    checks = [
        ((role, "outcomes.decide"), can(people[role], "outcomes.decide", arena), expect_decide(role, state))
        for role in ROLES
    ]
    assert disagreements(checks) == []
    if state.status == "closed":
        assert not any(got for _, got, _ in checks)
    else:
        assert {role for (role, _), got, _ in checks if got} == {"convener", "org admin", "site admin"}
