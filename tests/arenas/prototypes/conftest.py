"""Fixtures shared by the prototypes API tests: an arena, a citizen (a participant and resident), a
facilitator, and a prototype the citizen leads. A module that defines a fixture of the same name uses its
own."""

import pytest

from arenas.models import Role
from tests.arenas.api_helpers import member_of
from tests.factories import ArenaFactory, MembershipFactory, PrototypeFactory


@pytest.fixture
def arena():
    return ArenaFactory(title="Safer school routes", slug="safer-school-routes")


@pytest.fixture
def citizen(arena):
    return MembershipFactory(
        arena=arena, role=Role.PARTICIPANT, stakeholder_type="resident", user__handle="citizen"
    ).user


@pytest.fixture
def facilitator(arena):
    return member_of(arena, Role.FACILITATOR, stakeholder_type="public_employee")


@pytest.fixture
def prototype(arena, citizen):
    return PrototypeFactory(arena=arena, lead=citizen, title="Walking bus pilot")
