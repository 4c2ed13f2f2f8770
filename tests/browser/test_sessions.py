"""Sessions in Chromium: a citizen registers on a phone; a facilitator ticks who came, adds a walk-in and
writes the minutes; axe-core finds nothing on the list, the session page (as a participant and as a
facilitator) and the form."""

import pytest
from playwright.sync_api import expect

from arenas.sessions.models import Attendance, MinutesRevision, Registration, Session
from arenas.sessions.services.registrations import registration_create
from tests.arenas.sessions.pages_helpers import add_member, create, world
from tests.factories import PASSWORD

from .axe import assert_no_axe_violations

pytestmark = pytest.mark.browser
PHONE = {"width": 390, "height": 844}


@pytest.fixture
def people(transactional_db):
    return world()


def test_a_citizen_registers_on_a_phone(page, live_server, sign_in, people):
    session = people.public.session
    sign_in(page, people.participant.email, PASSWORD)
    page.set_viewport_size(PHONE)

    page.goto(f"{live_server.url}/arenas/{session.arena.slug}/sessions/")
    assert_no_axe_violations(page)
    page.get_by_role("link", name="Walk the crossings 🚸").click()
    page.get_by_label("Access needs").fill("Kørestol ♿")
    register = page.get_by_role("button", name="Register")
    box = register.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
    register.click()

    expect(page.get_by_text("You are registered. See you there!")).to_be_visible()
    expect(page.get_by_role("button", name="Cancel my registration")).to_be_visible()
    assert Registration.objects.get(session=session, user=people.participant).access_needs == "Kørestol ♿"
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert_no_axe_violations(page)


def test_a_facilitator_takes_attendance_and_writes_the_minutes(page, live_server, sign_in, people):
    arena = people.public.arena
    session = create(arena, people.facilitator, title="Crossing walk", capacity=None)
    anna = add_member(arena, display_name="Anna Åberg")
    registration_create(session=session, user=anna, access_needs="Hearing loop")
    Session.objects.filter(pk=session.pk).update(
        starts_at=session.starts_at.replace(year=2020), ends_at=session.ends_at.replace(year=2020)
    )
    sign_in(page, people.facilitator.email, PASSWORD)

    page.goto(f"{live_server.url}{session.get_absolute_url()}")
    expect(page.get_by_text("Hearing loop")).to_be_visible()
    assert_no_axe_violations(page)
    page.get_by_label("Anna Åberg").check()
    page.get_by_role("button", name="Save who came").click()
    expect(page.get_by_text("Attendance saved: 1 person came.")).to_be_visible()
    page.get_by_label("Name", exact=True).fill("Dalia")
    page.get_by_label("Stakeholder type").select_option("civil_society")
    page.get_by_role("button", name="Add to who came").click()
    expect(page.get_by_text("2 people came.")).to_be_visible()

    page.get_by_role("textbox", name="Minutes").fill("# Agreed\n\n- Lights by the school")
    page.get_by_role("button", name="Save the minutes").click()

    expect(page.get_by_role("heading", name="Agreed")).to_be_visible()
    assert Attendance.objects.filter(session=session).count() == 2
    assert MinutesRevision.objects.filter(session=session).count() == 1
    assert_no_axe_violations(page)


def test_axe_finds_nothing_on_the_form_with_errors(page, live_server, sign_in, people):
    sign_in(page, people.facilitator.email, PASSWORD)
    page.goto(f"{live_server.url}/arenas/{people.public.arena.slug}/sessions/new/")
    assert_no_axe_violations(page)

    page.get_by_label("Title").fill("ورشة 🚸")
    page.get_by_role("button", name="Announce the session").click()

    expect(page.get_by_text("Please correct the following:")).to_be_visible()
    expect(page.get_by_label("Title")).to_have_value("ورشة 🚸")
    assert_no_axe_violations(page)
