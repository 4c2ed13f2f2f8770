"""Bad input to the sessions API is a 400 naming the field, and nothing is written: times that are not ISO
8601 or end before they start, no seats, no place; titles in Danish, emoji and right-to-left scripts are
kept as written."""

from datetime import timedelta

import pytest

from arenas.sessions.models import Session

from .api_helpers import auth, body, list_url, url
from .conftest import make_session

pytestmark = pytest.mark.django_db


def post(client, arena, person, **fields):
    return client.post(list_url(arena), body(**fields), content_type="application/json", **auth(person))


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"ends_at": "2020-01-01T10:00:00+00:00", "starts_at": "2020-01-01T12:00:00+00:00"}, "ends_at"),
        ({"capacity": 0}, "capacity"),
        ({"capacity": -3}, "capacity"),
        ({"capacity": 10**12}, "capacity"),
        ({"starts_at": "12/03/2026 10:00"}, "starts_at"),
        ({"starts_at": "3. december 2026 kl. 10"}, "starts_at"),
        ({"ends_at": "tomorrow"}, "ends_at"),
        ({"starts_at": "9999-12-31T23:59:59-12:00"}, "starts_at"),
        ({"registration_closes_at": "0001-01-01T00:00:00+14:00"}, "registration_closes_at"),
        ({"title": "   "}, "title"),
        ({"title": "x" * 201}, "title"),
        ({"kind": "party"}, "kind"),
        ({"place": "", "online_url": ""}, "place"),
        ({"online_url": "javascript:alert(1)"}, "online_url"),
        ({"kind": "online", "place": "", "online_url": ""}, "place"),
        ({"iteration": 2**40}, "iteration"),
    ],
)
def test_bad_input_names_the_field_and_writes_nothing(client, arena, facilitator, fields, field):
    response = post(client, arena, facilitator, **fields)

    assert response.status_code == 400, response.content
    error = response.json()["error"]
    assert error["code"] == "invalid" and field in error["fields"]
    assert not Session.objects.exists()


def test_an_online_meeting_needs_its_link_even_with_a_place(client, arena, facilitator):
    response = post(client, arena, facilitator, kind="online")

    assert response.status_code == 400 and "online_url" in response.json()["error"]["fields"]
    assert not Session.objects.exists()


@pytest.mark.parametrize(
    "title",
    [
        "Gåtur ved skolen — æøå ÆØÅ",
        "Walk 🚸👩‍👧 the crossings",
        "ورشة عمل حول الطريق إلى المدرسة",
        "סדנה בבית הספר",
    ],
)
def test_titles_in_any_script_are_kept_as_written(client, arena, facilitator, title):
    response = post(client, arena, facilitator, title=title, place="Skolevej 3, 2. sal — مدرسة")

    assert response.status_code == 201, response.content
    assert response.json()["title"] == title
    assert Session.objects.get().title == title


def test_a_patch_that_would_end_before_the_start_changes_nothing(client, arena, facilitator):
    session = make_session(arena, facilitator)
    before = Session.objects.get(pk=session.pk)

    response = client.patch(
        url(session),
        {"starts_at": (session.ends_at + timedelta(hours=1)).isoformat(), "title": "Moved"},
        content_type="application/json",
        **auth(facilitator),
    )

    assert response.status_code == 400 and "ends_at" in response.json()["error"]["fields"]
    after = Session.objects.get(pk=session.pk)
    assert (after.starts_at, after.title, after.sequence) == (before.starts_at, before.title, 0)


@pytest.mark.parametrize("payload", [[], "text", {"members": "1,2"}, {"members": [None]}])
def test_attendance_of_the_wrong_shape_is_a_400(client, arena, facilitator, payload):
    session = make_session(arena, facilitator, hours_ahead=-3)

    response = client.put(
        url(session, "attendance/"), payload, content_type="application/json", **auth(facilitator)
    )

    assert response.status_code == 400
