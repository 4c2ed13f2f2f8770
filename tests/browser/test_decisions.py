"""Decisions in Chromium: a convener publishes a decision on a thread from its page by keyboard alone;
axe-core finds nothing on the thread page with the decision form, nor on the outcomes page listing it."""

import pytest
from playwright.sync_api import expect

from arenas.outcomes.models import Decision
from tests.arenas.outcomes.decisions_helpers import world
from tests.factories import PASSWORD

from .axe import assert_no_axe_violations

pytestmark = pytest.mark.browser


@pytest.fixture
def people(transactional_db):
    return world()


def test_a_convener_publishes_a_decision_by_keyboard(page, live_server, sign_in, people):
    sign_in(page, people.convener.email, PASSWORD)
    page.goto(f"{live_server.url}{people.thread.get_absolute_url()}")
    form = page.locator("#decisions")
    expect(form.get_by_role("button", name="Publish the decision")).to_be_visible()
    assert_no_axe_violations(page)

    form.get_by_label("Deferred").focus()
    page.keyboard.press("Space")
    page.keyboard.press("Tab")  # out of the radio group, into the reason
    page.keyboard.type("Vi venter på budgettet 🚸 — نراجع في الربيع")
    for _ in range(8):  # on through the review date's parts to the button
        if page.evaluate("document.activeElement.textContent.trim()") == "Publish the decision":
            break
        page.keyboard.press("Tab")
    page.keyboard.press("Enter")

    expect(page.get_by_text("The decision is published; everyone who took part is told.")).to_be_visible()
    decision = Decision.objects.get()
    assert decision.outcome == "deferred" and decision.reason == "Vi venter på budgettet 🚸 — نراجع في الربيع"
    expect(page.locator("#decisions .decision-reason")).to_have_attribute("dir", "auto")

    page.goto(f"{live_server.url}/arenas/{people.arena.slug}/outcomes/")
    expect(page.get_by_role("link", name="Ideas for the bakery crossing")).to_be_visible()
    assert_no_axe_violations(page)
