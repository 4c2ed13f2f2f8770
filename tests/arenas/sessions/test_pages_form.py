"""Announcing and editing a session through its form (facilitators and up): times typed in the viewer's
time zone as ``datetime-local`` values (ISO in every language), the service's errors next to the fields
with everything typed kept (Danish, emoji, right-to-left), a test round of this arena only."""

import datetime as dt
import re
import zoneinfo

import pytest
from django.conf import settings
from django.urls import reverse

from arenas.prototypes.models import Iteration
from arenas.sessions.models import Session
from tests.factories import PrototypeFactory
from tests.locale_helpers import localised_numbers, posted_unchanged, read_form

from .pages_helpers import create, html, sign_in, url, world

pytestmark = pytest.mark.django_db
COPENHAGEN = zoneinfo.ZoneInfo("Europe/Copenhagen")


@pytest.fixture
def people():
    return world()


def create_url(arena) -> str:
    return reverse("sessions:create", args=[arena.slug])


def typed(**fields) -> dict:
    data = {
        "kind": "workshop",
        "title": "Værksted om skolevejen 🚸",
        "description": "Vi går ruten sammen.",
        "starts_at": "2031-03-04T17:00",
        "ends_at": "2031-03-04T19:30",
        "place": "Nørrebro bibliotek, lokale 2",
        "accessibility": "Trinfri adgang",
        "online_url": "",
        "capacity": "12",
        "registration_closes_at": "",
        "iteration": "",
    }
    return {**data, **fields}


def test_participants_get_the_403_that_says_why_and_visitors_sign_in(client, people):
    arena = people.public.arena
    response = client.get(create_url(arena))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]

    sign_in(client, people.participant)
    for response in [client.get(create_url(arena)), client.post(create_url(arena), typed())]:
        assert response.status_code == 403
        assert "Only the arena&#x27;s facilitators and conveners announce and run its sessions." in html(
            response
        )
    response = client.get(url("edit", people.public.session))
    assert response.status_code == 403 and "Back to the session" in html(response)
    assert not Session.objects.filter(title__startswith="Værksted").exists()


def test_a_facilitator_announces_a_session_in_their_time_zone(client, people):
    arena = people.public.arena
    sign_in(client, people.facilitator)  # Europe/Copenhagen

    response = client.post(create_url(arena), typed())

    session = Session.objects.get(title="Værksted om skolevejen 🚸")
    assert response.status_code == 302 and response["Location"] == session.get_absolute_url()
    assert session.starts_at == dt.datetime(2031, 3, 4, 16, 0, tzinfo=dt.UTC)
    assert (session.capacity, session.place, session.created_by) == (
        12,
        "Nørrebro bibliotek, lokale 2",
        people.facilitator,
    )


def test_errors_from_the_service_are_on_their_fields_and_nothing_typed_is_lost(client, people):
    arena = people.public.arena
    sign_in(client, people.facilitator)
    data = typed(
        title="ورشة الطريق إلى المدرسة 🚸 på dansk",
        ends_at="2031-03-04T16:00",
        kind="online",
        description="Beskrivelse med æøå og שלום",
    )

    response = client.post(create_url(arena), data)

    page = html(response)
    assert response.status_code == 200
    assert re.search(r'id="id_ends_at_error"[^>]*>The session must end after it starts.', page)
    assert re.search(r'id="id_online_url_error"[^>]*>An online meeting needs its link.', page)
    posted = dict(read_form(page, create_url(arena)).data)
    for name in ["title", "description", "starts_at", "ends_at", "place", "capacity", "kind"]:
        assert posted[name] == data[name], name
    assert not Session.objects.filter(arena=arena, kind="online").exists()


def test_a_time_that_cannot_be_read_says_how_to_write_it(client, people):
    sign_in(client, people.facilitator)

    response = client.post(create_url(people.public.arena), typed(starts_at="04.03.2031 17:00"))

    assert "We cannot read “04.03.2031 17:00” as a date and time." in html(response)
    assert not Session.objects.filter(title__startswith="Værksted").exists()


def test_seats_below_one_are_refused_on_the_field(client, people):
    sign_in(client, people.facilitator)

    response = client.post(create_url(people.public.arena), typed(capacity="0"))

    assert re.search(r'id="id_capacity_error"[^>]*>At least one seat', html(response))


def test_in_danish_the_edit_form_writes_iso_times_in_the_viewer_s_zone_and_saves_them_unchanged(
    client, people
):
    session = people.public.session
    sign_in(client, people.facilitator)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "da"
    local = session.starts_at.astimezone(COPENHAGEN)

    page = html(client.get(url("edit", session)))

    assert f'value="{local:%Y-%m-%dT%H:%M}"' in page
    assert localised_numbers(page) == []
    response = client.post(url("edit", session), posted_unchanged(page, url("edit", session)))
    assert response.status_code == 302
    session.refresh_from_db()
    assert session.starts_at.astimezone(COPENHAGEN).strftime("%Y-%m-%dT%H:%M") == f"{local:%Y-%m-%dT%H:%M}"


def test_a_test_session_is_tied_to_a_round_of_this_arena_only(client, people):
    arena = people.public.arena
    ours = Iteration.objects.create(
        prototype=PrototypeFactory(arena=arena, title="Walking bus"), number=2, goal="Try"
    )
    theirs = Iteration.objects.create(
        prototype=PrototypeFactory(arena=people.private.arena, title="Secret bus"), number=1, goal="Try"
    )
    sign_in(client, people.facilitator)

    page = html(client.get(create_url(arena)))
    assert "Walking bus, round 2" in page and "Secret bus" not in page

    client.post(create_url(arena), typed(kind="test_session", iteration=str(theirs.pk), title="Wrong round"))
    assert not Session.objects.filter(title="Wrong round").exists()
    client.post(create_url(arena), typed(kind="test_session", iteration=str(ours.pk), title="Test the bus"))
    session = Session.objects.get(title="Test the bus")
    assert session.iteration == ours
    assert "Walking bus, round 2" in html(client.get(session.get_absolute_url()))


def test_editing_a_cancelled_session_is_refused_with_the_service_s_sentence(client, people):
    session = create(people.public.arena, people.facilitator, title="Old walk")
    Session.objects.filter(pk=session.pk).update(status="cancelled")
    sign_in(client, people.facilitator)

    response = client.post(url("edit", session), typed(title="New walk"))

    assert "This session is cancelled: it can no longer be changed." in html(response)
    session.refresh_from_db()
    assert session.title == "Old walk"
