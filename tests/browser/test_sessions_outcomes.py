"""A test session in Chromium, as its facilitator: paper feedback entered for its round, a prototype
started from the minutes (which then says where it came from); axe-core finds nothing on the way."""

import pytest
from playwright.sync_api import expect

from arenas.prototypes.models import Feedback, Iteration, Prototype
from arenas.sessions.services.minutes import minutes_save
from tests.arenas.sessions.pages_helpers import create, world
from tests.factories import PASSWORD, PrototypeFactory

from .axe import assert_no_axe_violations

pytestmark = pytest.mark.browser


@pytest.fixture
def people(transactional_db):
    return world()


def test_a_facilitator_enters_paper_feedback_and_starts_a_prototype(page, live_server, sign_in, people):
    arena = people.public.arena
    round_ = Iteration.objects.create(prototype=PrototypeFactory(arena=arena), number=1, goal="Try the route")
    session = create(arena, people.facilitator, title="Test the route", kind="test_session", iteration=round_)
    minutes_save(session=session, actor=people.facilitator, body="- A walking bus from the library")
    sign_in(page, people.facilitator.email, PASSWORD)

    page.goto(f"{live_server.url}{session.get_absolute_url()}")
    page.get_by_text("Enter a response given on paper").click()
    page.get_by_text("Start a prototype from the minutes").click()
    assert_no_axe_violations(page)
    offline = page.locator("#offline-feedback")
    offline.get_by_label("Rating").select_option("5")
    offline.get_by_label("Would they use it?").select_option("yes")
    offline.get_by_label("What they wrote").fill("Trygt for børnene 👍")
    offline.get_by_role("button", name="Enter it").click()
    expect(page.get_by_text("1 response entered offline")).to_be_visible()
    assert Feedback.objects.get(iteration=round_).entered_offline

    page.get_by_text("Start a prototype from the minutes").click()
    page.get_by_label("Prototype title").fill("Gående skolebus")
    page.get_by_label("Hypothesis").fill("We believe a walking bus means fewer cars; we will know when…")
    page.get_by_role("button", name="Start the prototype").click()

    expect(page.get_by_text("From session")).to_be_visible()
    assert Prototype.objects.filter(title="Gående skolebus").exists()
    assert_no_axe_violations(page)
