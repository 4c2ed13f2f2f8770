"""Running a session through its page (facilitators and up): ticking who came, walk-ins and the
attendees' mix, versioned minutes, a thread started from them that says where it came from, cancelling
and marking held. Participants are refused with the policy's sentence."""

import re

import pytest
from django.urls import reverse

from arenas.deliberation.models import Thread
from arenas.sessions.models import Attendance, MinutesRevision, Session, SessionOutcome
from arenas.sessions.services.minutes import minutes_save
from arenas.sessions.services.registrations import registration_create

from .pages_helpers import add_member, create, detail_url, html, sign_in, url, world

pytestmark = pytest.mark.django_db


@pytest.fixture
def people():
    return world()


@pytest.fixture
def held(people):
    """A session that started an hour ago, with two registered members."""
    arena = people.public.arena
    session = create(arena, people.facilitator, hours_ahead=48, capacity=None)
    people.anna = add_member(arena, display_name="Anna Åberg", stakeholder_type="resident")
    people.bo = add_member(arena, display_name="Bo Business", stakeholder_type="business")
    for person in [people.anna, people.bo]:
        registration_create(session=session, user=person)
    Session.objects.filter(pk=session.pk).update(
        starts_at=session.starts_at.replace(year=2020), ends_at=session.ends_at.replace(year=2020)
    )
    session.refresh_from_db()
    return session


def test_a_facilitator_ticks_who_came_and_adds_a_walk_in_and_sees_the_mix(client, people, held):
    sign_in(client, people.facilitator)
    page = html(client.get(detail_url(held)))
    assert "Anna Åberg" in page and "Save who came" in page

    client.post(url("attendance", held), {"present": [people.anna.pk]})
    response = client.post(
        url("walk-in", held), {"name": "Dalia دالیا 🌻", "stakeholder_type": "civil_society"}, follow=True
    )

    page = html(response)
    assert "Dalia دالیا 🌻 is on the attendance list." in page
    assert "2 people came." in page
    mix = page.split("Attendees per stakeholder type")[1].split("</table>")[0]
    assert "Resident" in mix and "Civil-society organisation" in mix and "Business" not in mix
    assert Attendance.objects.filter(session=held).count() == 2
    assert re.search(rf'<input[^>]*value="{people.anna.pk}"[^>]*checked', page)
    assert not re.search(rf'<input[^>]*value="{people.bo.pk}"[^>]*checked', page)


def test_unticking_removes_a_member_but_keeps_walk_ins(client, people, held):
    sign_in(client, people.facilitator)
    client.post(url("attendance", held), {"present": [people.anna.pk, people.bo.pk]})
    client.post(url("walk-in", held), {"name": "Eva", "stakeholder_type": "resident"})

    client.post(url("attendance", held), {"present": [people.bo.pk]})

    assert sorted(Attendance.objects.filter(session=held).values_list("name", flat=True)) == ["", "Eva"]


def test_ticking_someone_who_is_not_a_member_is_refused_on_the_form(client, people, held):
    sign_in(client, people.facilitator)

    response = client.post(url("attendance", held), {"present": [people.outsider.pk]})

    assert response.status_code == 200
    assert "Only the arena&#x27;s members can be ticked as present" in html(response)
    assert not Attendance.objects.filter(session=held).exists()


def test_a_walk_in_without_a_name_is_asked_for_one(client, people, held):
    sign_in(client, people.facilitator)

    response = client.post(url("walk-in", held), {"name": "  ", "stakeholder_type": "resident"})

    assert response.status_code == 200 and "is-invalid" in html(response)
    assert not Attendance.objects.exists()


def test_participants_cannot_take_attendance_nor_see_the_forms(client, people, held):
    sign_in(client, people.participant)
    assert "Save who came" not in html(client.get(detail_url(held)))

    response = client.post(url("attendance", held), {"present": [people.anna.pk]})

    assert response.status_code == 403
    assert "Back to the session" in html(response)
    assert not Attendance.objects.exists()


def test_minutes_are_saved_as_revisions_and_the_page_counts_the_earlier_ones(client, people, held):
    sign_in(client, people.facilitator)
    client.post(url("minutes", held), {"minutes": "# Hvad vi aftalte\n\n- Flere fodgængerfelter 🚸"})
    response = client.post(
        url("minutes", held), {"minutes": "# Hvad vi aftalte\n\n- Lys ved skolen"}, follow=True
    )

    page = html(response)
    assert "Lys ved skolen" in page and "Flere fodgængerfelter" not in page.split("<textarea")[0]
    assert "1 earlier version" in page
    assert MinutesRevision.objects.filter(session=held).count() == 2


def test_empty_minutes_are_refused_on_the_field(client, people, held):
    sign_in(client, people.facilitator)

    response = client.post(url("minutes", held), {"minutes": "   "})

    assert response.status_code == 200 and "Write the minutes first." in html(response)
    assert not MinutesRevision.objects.exists()


def test_a_thread_from_the_minutes_says_where_it_came_from_and_the_session_lists_it(client, people, held):
    minutes_save(session=held, actor=people.facilitator, body="- Speed bumps by the gate")
    sign_in(client, people.facilitator)

    response = client.post(
        url("thread-from-minutes", held),
        {"title": "Speed bumps by the gate?", "body": "What do you think?", "item": "Speed bumps"},
    )

    thread = Thread.objects.get(title="Speed bumps by the gate?")
    assert response.status_code == 302 and response["Location"] == thread.get_absolute_url()
    assert SessionOutcome.objects.get(thread=thread).session == held
    client.logout()
    thread_page = html(client.get(thread.get_absolute_url()))
    assert "From session" in thread_page and f'href="{detail_url(held)}"' in thread_page
    session_page = html(client.get(detail_url(held)))
    assert f'href="{thread.get_absolute_url()}"' in session_page and "Speed bumps" in session_page


def test_other_threads_say_nothing_of_sessions(client, people, held):
    thread = Thread.objects.create(arena=held.arena, title="Plain thread", author=people.participant)
    assert "From session" not in html(client.get(thread.get_absolute_url()))


def test_a_thread_without_a_title_keeps_what_was_typed(client, people, held):
    minutes_save(session=held, actor=people.facilitator, body="- Lights")
    sign_in(client, people.facilitator)

    response = client.post(url("thread-from-minutes", held), {"title": "", "body": "Lys ✨ אור"})

    assert response.status_code == 200
    assert "Lys ✨ אור" in html(response)
    assert not Thread.objects.filter(arena=held.arena).exists()


def test_a_facilitator_marks_a_started_session_held(client, people, held):
    sign_in(client, people.facilitator)
    assert "Mark as held" in html(client.get(detail_url(held)))

    client.post(url("held", held))

    held.refresh_from_db()
    assert held.status == "held"
    assert "Held" in html(client.get(detail_url(held)))


def test_a_session_not_started_cannot_be_marked_held(client, people):
    session = people.public.session
    sign_in(client, people.facilitator)
    assert "Mark as held" not in html(client.get(detail_url(session)))

    response = client.post(url("held", session), follow=True)

    assert "The session has not started yet." in html(response)
    session.refresh_from_db()
    assert session.status == "planned"


def test_a_facilitator_cancels_the_session_and_participants_cannot(client, people):
    session = people.public.session
    sign_in(client, people.participant)
    response = client.post(url("cancel", session))
    assert response.status_code == 403
    session.refresh_from_db()
    assert session.status == "planned"

    sign_in(client, people.facilitator)
    page = html(client.post(url("cancel", session), follow=True))

    assert "This session is cancelled." in page
    session.refresh_from_db()
    assert session.status == "cancelled"
    assert reverse("sessions:edit", args=[session.arena.slug, session.pk]) not in page
