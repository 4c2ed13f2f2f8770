"""The dashboard in Danish: figures people read are written the Danish way (``1.234``, ``4,5``), while
every number in an SVG attribute and in the API's JSON stays a machine number."""

import pytest
from django.conf import settings

from arenas.models import Role
from tests.factories import ArenaFactory, MembershipFactory, PrototypeFactory
from tests.locale_helpers import localised_numbers

from .dashboard_helpers import feedback, members

pytestmark = pytest.mark.django_db


@pytest.fixture
def arena():
    arena = ArenaFactory(title="Sikre skoleveje")
    members(arena, 1233, prefix="da")
    walking_bus = PrototypeFactory(arena=arena, title="Gående skolebus")
    feedback(walking_bus, [5, 4])
    return arena


@pytest.fixture
def facilitator_in_danish(client, arena):
    client.force_login(MembershipFactory(arena=arena, role=Role.FACILITATOR).user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "da"
    return client


def test_in_danish_the_page_writes_numbers_the_danish_way_and_svg_attributes_the_machine_way(
    facilitator_in_danish, arena
):
    page = facilitator_in_danish.get(f"/arenas/{arena.slug}/dashboard/").content.decode()

    assert "1.237" in page  # 1,233 + the prototype's lead + two feedback givers + the facilitator
    assert "4,5" in page  # the walking bus's average rating
    assert localised_numbers(page) == []


def test_the_api_keeps_machine_numbers_in_danish(facilitator_in_danish, arena):
    body = facilitator_in_danish.get(f"/api/v1/arenas/{arena.slug}/dashboard/").json()

    assert body["members"]["total"] == 1237
    assert body["feedback"]["prototypes"][0]["average"] == 4.5
    assert isinstance(body["voice"][0]["member_share"], float)
    assert body["members"]["weeks"][-1]["week"].count("-") == 2  # an ISO date
