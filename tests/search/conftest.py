"""The search tests write many threads and posts through the services: their rate limits are lifted."""

import pytest

from arenas.models import Role
from tests.factories import ArenaFactory, MembershipFactory


@pytest.fixture(autouse=True)
def _no_rate_limits(settings):
    settings.RATE_LIMITS = {"threads": "100000/minute", "posts": "100000/minute"}


@pytest.fixture
def scene(db):
    """See ``scene.make_scene``."""
    from .scene import make_scene

    return make_scene()


@pytest.fixture
def arena(db):
    return ArenaFactory(slug="safer-school-routes", title="Safer school routes")


@pytest.fixture
def author(arena):
    return MembershipFactory(arena=arena, role=Role.PARTICIPANT).user
