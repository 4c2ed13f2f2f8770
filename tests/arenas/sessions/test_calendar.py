"""A session's .ics, parsed back with icalendar: one event whose UID stays when it moves (SEQUENCE goes up),
cancelled as STATUS:CANCELLED, the online link only for those who may see it."""

from datetime import timedelta

import icalendar
import pytest
from django.urls import reverse

from arenas.models import Arena, Role
from arenas.sessions.models import Session
from arenas.sessions.services.registrations import registration_create
from arenas.sessions.services.sessions import session_cancel, session_update
from tests.factories import ArenaFactory, UserFactory

from .conftest import make_session, member

pytestmark = pytest.mark.django_db


def ics_url(session):
    return reverse("sessions:ics", args=[session.arena.slug, session.pk])


def event_of(client, session):
    response = client.get(ics_url(session))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = icalendar.Calendar.from_ical(response.content)
    assert calendar["VERSION"] == "2.0"
    assert calendar["METHOD"] == "PUBLISH"
    assert str(calendar["PRODID"]).startswith("-//Cocreate//")
    [event] = calendar.events
    return response, event


def test_the_ics_is_one_event_with_the_sessions_time_in_utc_and_its_page(client, arena, facilitator):
    session = make_session(arena, facilitator, description="Bring *boots*.")

    response, event = event_of(client, session)

    assert (
        response["Content-Disposition"] == 'attachment; filename="walk-the-crossings-children-crossing.ics"'
    )
    assert str(event["UID"]) == f"session-{session.pk}@127.0.0.1"
    assert event["DTSTAMP"] is not None
    assert event.start == session.starts_at.replace(microsecond=0)  # iCalendar counts whole seconds
    assert event.start.utcoffset() == timedelta(0)
    assert "DTSTART:" in response.content.decode() and "Z\r\nDTEND:" in response.content.decode()
    assert event.end == session.ends_at.replace(microsecond=0)
    assert str(event["SUMMARY"]) == "Walk the crossings 🚸"
    assert str(event["LOCATION"]) == "Northbridge East School, room 2"
    page = f"http://127.0.0.1:8000/arenas/{arena.slug}/sessions/{session.pk}/"
    assert str(event["URL"]) == page
    assert "Bring *boots*." in str(event["DESCRIPTION"])
    assert page in str(event["DESCRIPTION"])
    assert (event["SEQUENCE"], str(event["STATUS"])) == (0, "CONFIRMED")


def test_a_moved_session_keeps_its_uid_with_a_higher_sequence(client, arena, facilitator):
    session = make_session(arena, facilitator)
    _response, before = event_of(client, session)

    later = session.starts_at + timedelta(days=1)
    session_update(session=session, actor=facilitator, starts_at=later, ends_at=later + timedelta(hours=2))
    _response, after = event_of(client, session)

    assert str(after["UID"]) == str(before["UID"])
    assert after["SEQUENCE"] > before["SEQUENCE"]
    assert after.start == later.replace(microsecond=0)


def test_a_cancelled_session_is_status_cancelled(client, arena, facilitator):
    session = make_session(arena, facilitator)
    session_cancel(session=session, actor=facilitator)

    _response, event = event_of(client, session)

    assert str(event["STATUS"]) == "CANCELLED"
    assert event["SEQUENCE"] == 1


def test_the_online_link_is_only_in_the_calendar_of_those_who_may_see_it(client, arena, facilitator):
    session = make_session(
        arena, facilitator, kind=Session.Kind.ONLINE, place="", online_url="https://meet.example.org/abc"
    )
    person = member(arena)

    _response, anonymous = event_of(client, session)
    assert "LOCATION" not in anonymous
    assert "meet.example.org" not in anonymous.to_ical().decode()

    registration_create(session=session, user=person)
    client.force_login(person)
    _response, registered = event_of(client, session)
    assert str(registered["LOCATION"]) == "https://meet.example.org/abc"


def test_danish_letters_emoji_and_right_to_left_text_survive(client, arena, facilitator):
    session = make_session(
        arena, facilitator, title="Trafikmøde på Ærø 🚲 اجتماع", place="Rådhuset, lokale 3; 2. sal"
    )

    response, event = event_of(client, session)

    assert str(event["SUMMARY"]) == "Trafikmøde på Ærø 🚲 اجتماع"
    assert str(event["LOCATION"]) == "Rådhuset, lokale 3; 2. sal"
    assert response["Content-Disposition"] == 'attachment; filename="trafikmoede-paa-aeroe-bicycle-jtm.ics"'


def test_a_private_arenas_session_is_a_404_to_outsiders(client, facilitator):
    private = ArenaFactory(visibility=Arena.Visibility.PRIVATE)
    organiser = member(private, Role.FACILITATOR)
    session = make_session(private, organiser)

    client.force_login(UserFactory())
    assert client.get(ics_url(session)).status_code == 404
    client.logout()
    assert client.get(ics_url(session)).status_code == 404
    client.force_login(organiser)
    assert client.get(ics_url(session)).status_code == 200


def test_an_unknown_session_is_a_404(client, arena):
    assert client.get(reverse("sessions:ics", args=[arena.slug, 999999])).status_code == 404
