"""The sessions API: announcing a session (facilitators and up), its list and detail, and changing,
cancelling and closing it through PATCH (DESIGN.md "Sessions: physical and online")."""

from datetime import timedelta

import pytest
from django.utils import timezone

from arenas.models import Arena, Role
from arenas.sessions.models import MinutesRevision, Registration, Session
from arenas.sessions.services.registrations import registration_create
from platform_core.notifications.models import Notification
from tests.factories import ArenaFactory, UserFactory

from .api_helpers import NOT_FOUND, auth, body, list_url, url
from .conftest import make_session, member

pytestmark = pytest.mark.django_db


def test_a_facilitator_announces_a_session_and_gets_it_back(client, arena, facilitator):
    citizen = member(arena)

    response = client.post(list_url(arena), body(), content_type="application/json", **auth(facilitator))

    assert response.status_code == 201, response.content
    data = response.json()
    session = Session.objects.get(pk=data["id"])
    assert response["Location"] == f"/api/v1/sessions/{session.pk}/"
    assert data["title"] == "Walk the crossings 🚸" and data["arena"] == arena.slug
    assert data["capacity"] == 2 and data["seats_taken"] == 0 and data["waiting"] == 0
    assert data["my_registration"] is None and data["registration_open"] is True
    assert "<strong>three</strong>" in data["description_html"]
    assert data["minutes"] == "" and data["outcomes"] == []
    assert data["url"].endswith(f"/arenas/{arena.slug}/sessions/{session.pk}/")
    assert Notification.objects.filter(recipient=citizen, event="sessions.announced").exists()


@pytest.mark.parametrize("role", [Role.PARTICIPANT, Role.OBSERVER])
def test_members_below_facilitator_cannot_announce(client, arena, role):
    person = member(arena, role)

    response = client.post(list_url(arena), body(), content_type="application/json", **auth(person))

    assert response.status_code == 403
    assert response.json()["error"]["message"]
    assert not Session.objects.exists()


def test_anonymous_callers_must_sign_in_to_announce(client, arena):
    response = client.post(list_url(arena), body(), content_type="application/json")

    assert response.status_code == 401
    assert not Session.objects.exists()


def test_the_list_puts_upcoming_sessions_first_and_filters_by_when(client, arena, facilitator):
    later = make_session(arena, facilitator, hours_ahead=72, title="Later")
    soon = make_session(arena, facilitator, hours_ahead=2, title="Soon")
    past = make_session(arena, facilitator, hours_ahead=-48, title="Last week")
    older = make_session(arena, facilitator, hours_ahead=-96, title="Long ago")

    def titles(**params):
        response = client.get(list_url(arena), params)
        assert response.status_code == 200, response.content
        return [item["title"] for item in response.json()["results"]]

    assert titles() == [soon.title, later.title, past.title, older.title]
    assert titles(when="upcoming") == [soon.title, later.title]
    assert titles(when="past") == [past.title, older.title]
    assert client.get(list_url(arena), {"when": "tomorrow"}).json()["error"]["fields"]["when"]


def test_the_list_shows_the_callers_registration_and_place_on_the_waiting_list(client, arena, facilitator):
    session = make_session(arena, facilitator, capacity=1)
    first, second, me = member(arena), member(arena), member(arena)
    for person in (first, second, me):
        registration_create(session=session, user=person)

    item = client.get(list_url(arena), **auth(me)).json()["results"][0]

    assert item["seats_taken"] == 1 and item["waiting"] == 2
    assert item["my_registration"]["status"] == "waiting"
    assert item["my_registration"]["position"] == 2


def test_a_private_arenas_sessions_are_not_found_for_outsiders(client, facilitator):
    arena = ArenaFactory(visibility=Arena.Visibility.PRIVATE)
    session = make_session(arena, member(arena, Role.FACILITATOR))
    outsider = UserFactory()

    for path in (url(session), url(session, "registrations/"), url(session, "attendance/"), list_url(arena)):
        response = client.get(path, **auth(outsider))
        assert (response.status_code, response.json()) == (404, NOT_FOUND), path
    response = client.post(
        url(session, "registrations/"), {}, content_type="application/json", **auth(outsider)
    )
    assert response.status_code == 404
    assert not Registration.objects.exists()
    assert client.get(url(999_999)).status_code == 404


def test_the_online_link_is_only_for_the_registered_and_the_facilitators(client, arena, facilitator):
    session = make_session(arena, facilitator, kind="online", online_url="https://meet.example.org/walk")
    registered, other = member(arena), member(arena)
    registration_create(session=session, user=registered)

    assert (
        client.get(url(session), **auth(registered)).json()["online_url"] == "https://meet.example.org/walk"
    )
    assert (
        client.get(url(session), **auth(facilitator)).json()["online_url"] == "https://meet.example.org/walk"
    )
    assert client.get(url(session), **auth(other)).json()["online_url"] is None
    assert client.get(url(session)).json()["online_url"] is None
    assert "meet.example.org" not in client.get(list_url(arena), **auth(other)).content.decode()


# --- PATCH ---------------------------------------------------------------------------------------------------


def test_moving_a_session_tells_the_registered_and_bumps_its_calendar_sequence_once(
    client, arena, facilitator
):
    session = make_session(arena, facilitator)
    registered = member(arena)
    registration_create(session=session, user=registered)
    starts = session.starts_at + timedelta(days=1)

    response = client.patch(
        url(session),
        {"starts_at": starts.isoformat(), "ends_at": (starts + timedelta(hours=3)).isoformat()},
        content_type="application/json",
        **auth(facilitator),
    )

    assert response.status_code == 200, response.content
    session.refresh_from_db()
    assert session.starts_at == starts and session.sequence == 1
    assert session.status == Session.Status.PLANNED
    assert response.json()["seats_taken"] == 1  # the registration is untouched
    assert Notification.objects.filter(recipient=registered, event="sessions.moved").count() == 1

    response = client.patch(
        url(session),
        {"title": "Walk the crossings again"},
        content_type="application/json",
        **auth(facilitator),
    )
    session.refresh_from_db()
    assert response.json()["title"] == "Walk the crossings again"
    assert session.sequence == 1  # a new title is not a new time
    assert Notification.objects.filter(recipient=registered, event="sessions.moved").count() == 1


def test_more_seats_move_the_waiting_list_up(client, arena, facilitator):
    session = make_session(arena, facilitator, capacity=1)
    seated, waiting = member(arena), member(arena)
    registration_create(session=session, user=seated)
    registration_create(session=session, user=waiting)

    response = client.patch(
        url(session), {"capacity": 2}, content_type="application/json", **auth(facilitator)
    )

    assert response.json()["seats_taken"] == 2 and response.json()["waiting"] == 0


def test_minutes_are_saved_as_versions_and_shown(client, arena, facilitator):
    session = make_session(arena, facilitator)

    for text in (
        "# Minutes\n\n- Crossing by the bakery",
        "# Minutes\n\n- Crossing by the bakery\n- Æbler på vejen",
    ):
        response = client.patch(
            url(session), {"minutes": text}, content_type="application/json", **auth(facilitator)
        )
        assert response.status_code == 200, response.content

    assert response.json()["minutes"].endswith("Æbler på vejen")
    assert MinutesRevision.objects.filter(session=session).count() == 2


def test_status_cancels_the_session_and_tells_everyone_holding_a_place(client, arena, facilitator):
    session = make_session(arena, facilitator, capacity=1)
    seated, waiting = member(arena), member(arena)
    registration_create(session=session, user=seated)
    registration_create(session=session, user=waiting)

    response = client.patch(
        url(session), {"status": "cancelled"}, content_type="application/json", **auth(facilitator)
    )

    assert response.status_code == 200 and response.json()["status"] == "cancelled"
    assert set(
        Notification.objects.filter(event="sessions.cancelled").values_list("recipient", flat=True)
    ) == {
        seated.pk,
        waiting.pk,
    }
    again = client.patch(
        url(session), {"title": "Back on"}, content_type="application/json", **auth(facilitator)
    )
    assert again.status_code == 400
    assert Session.objects.get(pk=session.pk).title == session.title


def test_held_only_once_it_has_started_and_all_or_nothing(client, arena, facilitator):
    session = make_session(arena, facilitator)

    response = client.patch(
        url(session),
        {"title": "Renamed", "status": "held"},
        content_type="application/json",
        **auth(facilitator),
    )

    assert response.status_code == 400
    assert "not started" in response.json()["error"]["message"]
    session.refresh_from_db()
    assert session.title != "Renamed" and session.status == Session.Status.PLANNED

    started = make_session(arena, facilitator, hours_ahead=-1)
    response = client.patch(
        url(started), {"status": "held"}, content_type="application/json", **auth(facilitator)
    )
    assert response.status_code == 200 and response.json()["status"] == "held"


def test_participants_cannot_change_a_session(client, arena, facilitator):
    session = make_session(arena, facilitator)
    person = member(arena)

    response = client.patch(
        url(session), {"title": "Mine now"}, content_type="application/json", **auth(person)
    )

    assert response.status_code == 403
    assert (
        client.patch(url(session), {"title": "Mine now"}, content_type="application/json").status_code == 401
    )
    assert Session.objects.get(pk=session.pk).title == session.title


def test_a_patch_names_only_fields_it_can_change(client, arena, facilitator):
    session = make_session(arena, facilitator)

    response = client.patch(
        url(session), {"sequence": 9}, content_type="application/json", **auth(facilitator)
    )
    empty = client.patch(url(session), {}, content_type="application/json", **auth(facilitator))

    assert response.status_code == 400 and "sequence" in response.json()["error"]["fields"]
    assert empty.status_code == 400


def test_a_session_can_be_tied_to_a_test_round_of_the_arena_only(client, arena, facilitator):
    from arenas.prototypes.services.iterations import iteration_create
    from tests.factories import PrototypeFactory

    prototype = PrototypeFactory(arena=arena)
    iteration = iteration_create(prototype=prototype, actor=facilitator, goal="Do parents use it?")
    elsewhere = PrototypeFactory()
    foreign = iteration_create(prototype=elsewhere, actor=elsewhere.team.get().user, goal="Other")

    ok = client.post(
        list_url(arena),
        body(kind="test_session", iteration=iteration.pk),
        content_type="application/json",
        **auth(facilitator),
    )
    bad = client.post(
        list_url(arena), body(iteration=foreign.pk), content_type="application/json", **auth(facilitator)
    )

    assert ok.status_code == 201 and ok.json()["iteration"] == iteration.pk
    assert bad.status_code == 400 and "iteration" in bad.json()["error"]["fields"]
    assert Session.objects.count() == 1


def test_times_are_stored_in_utc_whatever_the_offset_sent(client, arena, facilitator):
    starts = (timezone.now() + timedelta(days=5)).replace(microsecond=0)
    sent = body(
        starts_at=starts.astimezone(timezone.get_fixed_timezone(120)).isoformat(),
        ends_at=(starts + timedelta(hours=1)).astimezone(timezone.get_fixed_timezone(-300)).isoformat(),
    )

    data = client.post(list_url(arena), sent, content_type="application/json", **auth(facilitator)).json()

    session = Session.objects.get(pk=data["id"])
    assert session.starts_at == starts and session.ends_at == starts + timedelta(hours=1)
