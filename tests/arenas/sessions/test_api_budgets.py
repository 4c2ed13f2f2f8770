"""Query budgets of the sessions API, each checked at two sizes with the same count: the list at 3 and 30
sessions (with the caller registered and waiting here and there), a session's detail and its
registrations at 5 and 500 registrations."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from arenas.models import Arena, Role
from arenas.sessions.models import Registration
from arenas.sessions.services.registrations import registration_create
from tests.factories import ArenaFactory, MembershipFactory, UserFactory

from .api_helpers import auth, list_url, url
from .conftest import make_session, member

pytestmark = pytest.mark.django_db

# token, arena with its standing (membership, organisation roles…), count and sessions, the caller's
# registrations among them, their places on the waiting lists
LIST_BUDGET = 9
# token, the session's arena and the arena, the session, seat counts, the caller's registration, attendance
# and its mix, the minutes, the outcomes, the policy's standing for the online link
DETAIL_BUDGET = 14
# token, the session's arena and the arena, the session, the policy's standing, count, one page of people
REGISTRATIONS_BUDGET = 10


@pytest.fixture
def arena(db):
    return ArenaFactory(visibility=Arena.Visibility.PRIVATE)  # every check of the policy is exercised


def count_queries(client, path, headers, **params) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path, params, **headers)
    assert response.status_code == 200, response.content
    return len(queries)


def add_sessions(arena, facilitator, me, count):
    for n in range(count):
        hours_ahead = n - count // 2 + 0.5  # some past, the rest ahead
        session = make_session(arena, facilitator, hours_ahead=hours_ahead, capacity=1)
        if hours_ahead > 0 and n % 3 == 1:
            if n % 2:  # the seat taken: the caller waits
                registration_create(session=session, user=member(arena))
            registration_create(session=session, user=me)


def test_the_list_costs_the_same_for_3_and_30_sessions(client, arena, facilitator):
    me = member(arena)
    add_sessions(arena, facilitator, me, 3)
    small = count_queries(client, list_url(arena), auth(me), page_size=100)
    add_sessions(arena, facilitator, me, 27)
    large = count_queries(client, list_url(arena), auth(me), page_size=100)

    data = client.get(list_url(arena), {"page_size": 100}, **auth(me)).json()
    assert data["count"] == 30
    assert any(item["my_registration"] and item["my_registration"]["position"] for item in data["results"])
    assert small == large <= LIST_BUDGET, (small, large)


def add_registrations(session, count):
    people = UserFactory.create_batch(count)
    for person in people:
        MembershipFactory(arena=session.arena, user=person, role=Role.PARTICIPANT)
    Registration.objects.bulk_create(
        Registration(
            session=session, user=person, status="registered" if n < 3 else "waiting", access_needs="🦽"
        )
        for n, person in enumerate(people, start=Registration.objects.filter(session=session).count())
    )


@pytest.mark.parametrize(("path", "budget"), [("", DETAIL_BUDGET), ("registrations/", REGISTRATIONS_BUDGET)])
def test_a_session_costs_the_same_at_5_and_500_registrations(client, arena, facilitator, path, budget):
    session = make_session(arena, facilitator, capacity=3)
    add_registrations(session, 5)
    small = count_queries(client, url(session, path), auth(facilitator), page_size=100)
    add_registrations(session, 495)
    large = count_queries(client, url(session, path), auth(facilitator), page_size=100)

    if path:
        page = client.get(url(session, path), {"page": 5, "page_size": 100}, **auth(facilitator)).json()
        assert page["count"] == 500
        assert page["results"][-1]["position"] == 497
    assert small == large <= budget, (small, large)
