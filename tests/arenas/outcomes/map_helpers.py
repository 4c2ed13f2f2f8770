"""What the stakeholder map's tests share: an arena with a convener, a facilitator and a participant,
and a map of two groups."""

import pytest

from arenas.models import Arena, Role, StakeholderType
from arenas.outcomes.services.map import stakeholder_map_set
from tests.factories import ArenaFactory, MembershipFactory, UserFactory


def member(arena, role=Role.PARTICIPANT, stakeholder_type=StakeholderType.RESIDENT, **user):
    person = UserFactory(**user)
    MembershipFactory(arena=arena, user=person, role=role, stakeholder_type=stakeholder_type)
    return person


@pytest.fixture
def arena(db):
    return ArenaFactory(title="Safer school routes", visibility=Arena.Visibility.PUBLIC)


@pytest.fixture
def convener(arena):
    return member(arena, Role.CONVENER, StakeholderType.PUBLIC_EMPLOYEE, display_name="Clara Convener")


@pytest.fixture
def facilitator(arena):
    return member(arena, Role.FACILITATOR, StakeholderType.PUBLIC_EMPLOYEE, display_name="Frederik")


@pytest.fixture
def participant(arena):
    return member(arena, Role.PARTICIPANT, StakeholderType.RESIDENT, display_name="Pia")


PARENTS = {
    "stakeholder_type": "resident",
    "description": "Parents of pupils at Northbridge East",
    "target": 4,
}
SHOPS = {"stakeholder_type": "business", "description": "Shops along the school route", "target": 2}


@pytest.fixture
def mapped(arena, convener):
    stakeholder_map_set(arena=arena, actor=convener, groups=[PARENTS, SHOPS])
    return arena
