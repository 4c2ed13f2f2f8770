"""Registering through the API: seats up to the capacity, then the waiting list, which moves up when
someone gives up their seat; members only; everyone's access needs for the facilitators alone."""

import pytest

from arenas.models import Role
from arenas.policy import refusal
from arenas.sessions.models import Registration
from arenas.sessions.services.registrations import registration_create
from platform_core.notifications.models import Notification
from tests.factories import UserFactory

from .api_helpers import auth, url
from .conftest import make_session, member

pytestmark = pytest.mark.django_db


def register(client, session, person, **data):
    return client.post(url(session, "registrations/"), data, content_type="application/json", **auth(person))


def test_two_seats_three_members_the_third_waits_and_moves_up(client, arena, facilitator):
    session = make_session(arena, facilitator, capacity=2)
    anna, bo, carl = (member(arena) for _ in range(3))

    answers = [register(client, session, person) for person in (anna, bo, carl)]

    assert [a.status_code for a in answers] == [201, 201, 201]
    assert [(a.json()["status"], a.json()["position"]) for a in answers] == [
        ("registered", None),
        ("registered", None),
        ("waiting", 1),
    ]
    assert client.get(url(session, "registrations/mine/"), **auth(carl)).json()["position"] == 1

    gone = client.delete(url(session, "registrations/mine/"), **auth(anna))

    assert gone.status_code == 204
    mine = client.get(url(session, "registrations/mine/"), **auth(carl)).json()
    assert (mine["status"], mine["position"]) == ("registered", None)
    assert Notification.objects.filter(recipient=carl, event="sessions.seat_freed").exists()
    assert client.get(url(session, "registrations/mine/"), **auth(anna)).status_code == 404
    assert client.delete(url(session, "registrations/mine/"), **auth(anna)).status_code == 404
    detail = client.get(url(session), **auth(carl)).json()
    assert detail["seats_taken"] == 2 and detail["my_registration"]["status"] == "registered"


def test_registering_again_changes_only_the_access_needs(client, arena, facilitator):
    session = make_session(arena, facilitator, capacity=5)
    person = member(arena)

    register(client, session, person)
    again = register(client, session, person, access_needs="Høreslynge, tak — سماعة")

    assert again.status_code == 201 and again.json()["status"] == "registered"
    assert Registration.objects.get(session=session).access_needs == "Høreslynge, tak — سماعة"


def test_an_outsider_is_told_to_join_the_arena_first(client, arena, facilitator):
    session = make_session(arena, facilitator)

    response = register(client, session, UserFactory())

    assert response.status_code == 403
    assert "join the arena first" in response.json()["error"]["message"]
    assert not Registration.objects.exists()


def test_anonymous_callers_must_sign_in_to_register(client, arena, facilitator):
    session = make_session(arena, facilitator)

    assert client.post(url(session, "registrations/"), {}, content_type="application/json").status_code == 401
    assert client.get(url(session, "registrations/mine/")).status_code == 401


def test_registration_closed_is_refused_with_its_reason(client, arena, facilitator):
    session = make_session(arena, facilitator, hours_ahead=-1)

    response = register(client, session, member(arena))

    assert response.status_code == 403
    assert "closed" in response.json()["error"]["message"]


def test_observers_register_too(client, arena, facilitator):
    session = make_session(arena, facilitator)

    assert register(client, session, member(arena, Role.OBSERVER)).json()["status"] == "registered"


def test_the_registrations_list_is_for_facilitators_with_access_needs(client, arena, facilitator):
    session = make_session(arena, facilitator, capacity=1)
    anna, bo = member(arena, display_name="Anna Ærø"), member(arena)
    registration_create(session=session, user=anna, access_needs="Wheelchair 🦽")
    registration_create(session=session, user=bo)

    response = client.get(url(session, "registrations/"), **auth(facilitator))

    assert response.status_code == 200, response.content
    rows = response.json()["results"]
    assert [(r["display_name"], r["status"], r["position"]) for r in rows] == [
        ("Anna Ærø", "registered", None),
        (bo.name, "waiting", 1),
    ]
    assert rows[0]["access_needs"] == "Wheelchair 🦽"


@pytest.mark.parametrize("role", [Role.PARTICIPANT, Role.OBSERVER])
def test_participants_are_refused_the_registrations_list_with_the_policys_sentence(
    client, arena, facilitator, role
):
    session = make_session(arena, facilitator)
    person = member(arena, role)
    registration_create(session=session, user=member(arena), access_needs="Wheelchair 🦽")

    response = client.get(url(session, "registrations/"), **auth(person))

    assert response.status_code == 403
    assert response.json()["error"]["message"] == refusal(person, "sessions.see_access_needs", session)
    assert "Wheelchair" not in response.content.decode()
    assert client.get(url(session, "registrations/")).status_code == 401
