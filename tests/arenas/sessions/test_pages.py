"""The sessions list and a session's page as people see them (DESIGN.md "Sessions"): who sees what,
registering and cancelling through the page, the waiting list, the online link, times in the viewer's
time zone; "Sessions" in the arena's navigation and the next sessions on the arena page."""

import datetime as dt
import zoneinfo

import pytest
from django.utils import timezone

from arenas.sessions.models import Registration
from arenas.sessions.services.registrations import registration_create
from arenas.sessions.services.sessions import session_cancel

from .pages_helpers import add_member, create, detail_url, html, list_url, sign_in, url, world

pytestmark = pytest.mark.django_db


@pytest.fixture
def people():
    return world()


def test_an_anonymous_visitor_sees_a_public_arena_s_sessions_upcoming_then_past(client, people):
    arena = people.public.arena
    create(arena, people.facilitator, title="Map the crossings", hours_ahead=-72, place="")
    create(arena, people.facilitator, title="Try the walking bus", hours_ahead=24, capacity=None)

    page = html(client.get(list_url(arena)))

    upcoming, past = page.split('id="past-heading"')
    assert upcoming.index("Try the walking bus") < upcoming.index("Walk the crossings 🚸")
    assert "Map the crossings" in past and "Map the crossings" not in upcoming
    assert "To be announced" in past  # no place, no link: not "Online"
    assert "2 seats left" in upcoming and "Registration open" in upcoming
    assert "New session" not in page


@pytest.mark.parametrize("who", ["anonymous", "outsider"])
def test_a_private_arena_s_sessions_are_not_found_by_outsiders(client, people, who):
    sign_in(client, getattr(people, who))
    private = people.private

    assert client.get(list_url(private.arena)).status_code == 404
    assert client.get(detail_url(private.session)).status_code == 404
    assert client.post(url("register", private.session)).status_code in (302, 404)
    assert not Registration.objects.filter(session=private.session).exists()


def test_members_of_a_private_arena_see_its_sessions(client, people):
    sign_in(client, people.participant)
    assert "Walk the crossings 🚸" in html(client.get(list_url(people.private.arena)))


def test_the_list_shows_the_viewer_s_own_status_and_a_full_session(client, people):
    arena, session = people.public.arena, people.public.session
    registration_create(session=session, user=add_member(arena))
    registration_create(session=session, user=add_member(arena))
    registration_create(session=session, user=people.participant)
    sign_in(client, people.participant)

    page = html(client.get(list_url(arena)))

    assert "Full — waiting list" in page
    assert "You are on the waiting list" in page


def test_times_are_shown_in_the_viewer_s_time_zone(client, people):
    arena = people.public.arena
    starts = dt.datetime(2030, 6, 3, 12, 30, tzinfo=dt.UTC)
    create(
        arena,
        people.facilitator,
        title="Summer walk",
        starts_at=starts,
        ends_at=starts + dt.timedelta(hours=1),
    )
    people.participant.time_zone = "America/New_York"
    people.participant.save(update_fields=["time_zone"])
    sign_in(client, people.participant)

    page = html(client.get(list_url(arena)))

    assert '<time datetime="2030-06-03T08:30:00-04:00">' in page
    assert "8:30 a.m." in page and "EDT" in page


def test_facilitators_get_the_new_session_button(client, people):
    sign_in(client, people.facilitator)
    assert "New session" in html(client.get(list_url(people.public.arena)))


def test_the_arena_page_links_to_sessions_and_shows_the_next_three(client, people):
    arena = people.public.arena
    for n in range(4):
        create(arena, people.facilitator, title=f"Later walk {n}", hours_ahead=100 + n)

    page = html(client.get(arena.get_absolute_url()))

    assert f'href="{list_url(arena)}">Sessions</a>' in page
    panel = page.split('id="upcoming-sessions-heading"')[1]
    assert "Walk the crossings 🚸" in panel
    assert "Later walk 1" in panel and "Later walk 2" not in panel


def test_the_arena_page_has_no_sessions_panel_when_none_are_ahead(client, people):
    arena = people.public.arena
    session_cancel(session=people.public.session, actor=people.facilitator)
    people.public.session.delete()

    assert "Upcoming sessions" not in html(client.get(arena.get_absolute_url()))


def test_a_participant_registers_with_access_needs_then_cancels(client, people):
    session = people.public.session
    sign_in(client, people.participant)
    assert "Register" in html(client.get(detail_url(session)))

    response = client.post(url("register", session), {"access_needs": "Kørestol ♿ — نحتاج مترجم"})

    assert response.status_code == 302
    mine = Registration.objects.get(session=session, user=people.participant)
    assert (mine.status, mine.access_needs) == ("registered", "Kørestol ♿ — نحتاج مترجم")
    page = html(client.get(detail_url(session)))
    assert "You are registered" in page and "Cancel my registration" in page

    client.post(url("unregister", session))

    mine.refresh_from_db()
    assert mine.status == "cancelled"
    assert "Register" in html(client.get(detail_url(session)))


def test_the_waiting_list_and_its_position_are_shown(client, people):
    arena, session = people.public.arena, people.public.session
    for _n in range(3):
        registration_create(session=session, user=add_member(arena))
    sign_in(client, people.participant)

    response = client.post(url("register", session), follow=True)

    page = html(response)
    assert "number 2 on the waiting list" in page
    assert "Leave the waiting list" in page
    assert "2 of 2 taken, 2 waiting" in page


def test_the_online_link_is_hidden_until_the_person_has_a_seat(client, people):
    arena = people.public.arena
    session = create(
        arena, people.facilitator, kind="online", place="", online_url="https://meet.example.org/walk"
    )
    sign_in(client, people.participant)
    assert "meet.example.org" not in html(client.get(detail_url(session)))
    assert "Shown once you have a seat." in html(client.get(detail_url(session)))

    client.post(url("register", session))

    assert 'href="https://meet.example.org/walk"' in html(client.get(detail_url(session)))
    client.logout()
    assert "meet.example.org" not in html(client.get(detail_url(session)))


def test_outsiders_are_told_to_join_and_visitors_to_sign_in(client, people):
    session = people.public.session
    assert "Sign in to register" in html(client.get(detail_url(session)))
    response = client.post(url("register", session))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]

    sign_in(client, people.outsider)
    assert "join the arena first" in html(client.get(detail_url(session)))
    response = client.post(url("register", session))
    assert response.status_code == 403
    assert "join the arena first" in html(response)
    assert not Registration.objects.filter(session=session).exists()


def test_registration_closed_is_said_and_refused(client, people):
    arena = people.public.arena
    session = create(
        arena, people.facilitator, registration_closes_at=timezone.now() - dt.timedelta(minutes=1)
    )
    sign_in(client, people.participant)

    assert "Registration for this session is closed." in html(client.get(detail_url(session)))
    response = client.post(url("register", session))
    assert response.status_code == 403 and "closed" in html(response)


def test_participants_do_not_see_access_needs_and_facilitators_do(client, people):
    session = people.public.session
    registration_create(session=session, user=add_member(people.public.arena), access_needs="Hearing loop 🦻")

    sign_in(client, people.participant)
    assert "Hearing loop" not in html(client.get(detail_url(session)))
    sign_in(client, people.facilitator)
    assert "Hearing loop 🦻" in html(client.get(detail_url(session)))


def test_a_cancelled_session_says_so_and_takes_no_registrations(client, people):
    session = people.public.session
    session_cancel(session=session, actor=people.facilitator)
    sign_in(client, people.participant)

    page = html(client.get(detail_url(session)))

    assert "This session is cancelled." in page
    assert 'action="' + url("register", session) not in page


def test_datetimes_in_the_page_are_iso_in_the_viewer_s_zone(client, people):
    session = people.public.session
    sign_in(client, people.participant)  # Europe/Copenhagen
    local = timezone.localtime(session.starts_at, zoneinfo.ZoneInfo("Europe/Copenhagen"))

    assert f'datetime="{local.isoformat()}"' in html(client.get(detail_url(session)))
