"""Attendance through the API: facilitators set the members who came (PUT, exactly those) and add
walk-ins one at a time (POST); everyone else is refused; the stakeholder mix follows."""

import pytest

from arenas.models import Role
from arenas.sessions.models import Attendance

from .api_helpers import auth, url
from .conftest import make_session, member

pytestmark = pytest.mark.django_db


def put(client, session, person, data):
    return client.put(url(session, "attendance/"), data, content_type="application/json", **auth(person))


def test_a_facilitator_sets_who_came_and_adds_walk_ins(client, arena, facilitator):
    session = make_session(arena, facilitator, hours_ahead=-3)
    anna = member(arena)
    bo = member(arena)

    response = put(client, session, facilitator, {"members": [anna.pk, bo.pk, anna.pk]})
    assert response.status_code == 200, response.content
    walk_in = client.post(
        url(session, "attendance/"),
        {"name": "  Ørjan Ødegård  ", "stakeholder_type": "business"},
        content_type="application/json",
        **auth(facilitator),
    )
    assert walk_in.status_code == 201 and walk_in.json()["name"] == "Ørjan Ødegård"
    response = put(client, session, facilitator, {"members": [bo.pk]})

    data = response.json()
    assert data["count"] == 2
    assert [m["id"] for m in data["members"]] == [bo.pk]
    assert [w["name"] for w in data["walk_ins"]] == ["Ørjan Ødegård"]
    assert sum(row["count"] for row in data["mix"]) == 2
    assert {row["stakeholder_type"] for row in data["mix"]} >= {"business"}
    assert client.get(url(session, "attendance/"), **auth(facilitator)).json() == data
    assert client.get(url(session), **auth(bo)).json()["attended"] == 2


def test_only_members_can_be_ticked_and_nothing_is_written_otherwise(client, arena, facilitator):
    from tests.factories import UserFactory

    session = make_session(arena, facilitator, hours_ahead=-3)
    anna, stranger = member(arena), UserFactory()

    response = put(client, session, facilitator, {"members": [anna.pk, stranger.pk]})
    walk_ins = put(client, session, facilitator, {"members": [], "walk_ins": [{"name": "X"}]})
    huge = put(client, session, facilitator, {"members": [2**40]})
    nameless = client.post(
        url(session, "attendance/"),
        {"name": "   ", "stakeholder_type": "resident"},
        content_type="application/json",
        **auth(facilitator),
    )

    assert response.status_code == 400
    assert walk_ins.status_code == 400 and "walk_ins" in walk_ins.json()["error"]["fields"]
    assert huge.status_code == 400 and "members.0" in huge.json()["error"]["fields"]
    assert nameless.status_code == 400 and "name" in nameless.json()["error"]["fields"]
    assert not Attendance.objects.exists()


@pytest.mark.parametrize("role", [Role.PARTICIPANT, Role.OBSERVER])
def test_participants_cannot_see_or_take_attendance(client, arena, facilitator, role):
    session = make_session(arena, facilitator, hours_ahead=-3)
    person = member(arena, role)

    assert client.get(url(session, "attendance/"), **auth(person)).status_code == 403
    assert put(client, session, person, {"members": [person.pk]}).status_code == 403
    assert client.get(url(session, "attendance/")).status_code == 401
    assert not Attendance.objects.exists()
