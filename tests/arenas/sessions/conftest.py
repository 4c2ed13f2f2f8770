from datetime import timedelta

import pytest
from django.utils import timezone

from arenas.models import Arena, Role
from arenas.sessions.services.sessions import session_create
from tests.factories import ArenaFactory, MembershipFactory, UserFactory


@pytest.fixture
def arena(db):
    return ArenaFactory(title="Safer school routes", visibility=Arena.Visibility.PUBLIC)


def member(arena, role=Role.PARTICIPANT, **kwargs):
    person = UserFactory(**kwargs)
    MembershipFactory(arena=arena, user=person, role=role)
    return person


@pytest.fixture
def facilitator(arena):
    return member(arena, Role.FACILITATOR, display_name="Frederik Facilitator")


def make_session(arena, facilitator, *, hours_ahead=48, capacity=2, **fields):
    starts = timezone.now() + timedelta(hours=hours_ahead)
    return session_create(
        arena=arena,
        actor=facilitator,
        title=fields.pop("title", "Walk the crossings 🚸"),
        starts_at=starts,
        ends_at=starts + timedelta(hours=2),
        capacity=capacity,
        place=fields.pop("place", "Northbridge East School, room 2"),
        **fields,
    )
