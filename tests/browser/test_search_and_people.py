"""Search and people in Chromium, on the demo data: the header's search box finds the public arena's
threads for an anonymous visitor, a mention leads to the person's page, and axe-core finds no violations
on the results page (desktop and phone) or on a person's page."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from platform_core import demo
from platform_core.search.services import documents_rebuild

pytestmark = pytest.mark.browser

axe = Axe()


def assert_no_axe_violations(page):
    results = axe.run(page)
    assert results.violations_count == 0, results.generate_report()


@pytest.fixture
def demo_data(transactional_db):
    demo.seed()
    documents_rebuild()


def test_the_header_search_finds_the_public_arena_and_nothing_private(page, live_server, demo_data):
    page.goto(live_server.url)
    box = page.get_by_role("search", name="Site search").get_by_role("searchbox")
    box.fill("school")
    box.press("Enter")

    results = page.locator(".search-results")
    expect(results).to_contain_text("Safer school routes")
    expect(results).not_to_contain_text("Youth employment")
    expect(results.locator("mark").first).to_be_visible()
    assert_no_axe_violations(page)


def test_on_a_phone_the_magnifier_opens_search_and_the_results_have_no_violations(
    page, live_server, demo_data
):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(live_server.url)
    page.get_by_role("link", name="Search", exact=True).click()
    page.get_by_role("searchbox", name="Search for").fill("crossing")
    page.locator("main").get_by_role("button", name="Search").click()

    expect(page.locator(".search-hit").first).to_be_visible()
    assert_no_axe_violations(page)


def test_a_mention_leads_to_the_persons_page(page, live_server, sign_in, demo_data):
    sign_in(page, "facilitator@example.org", demo.DEMO_PASSWORD)
    page.goto(f"{live_server.url}/search/?q=%22what+do+you+think%22&type=post")
    page.locator(".search-hit a[href*='/threads/']").first.click()
    page.locator("a.mention", has_text="@cecilie").first.click()

    expect(page).to_have_url(f"{live_server.url}/people/cecilie/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Cecilie Citizen")
    expect(page.locator("#shared-heading")).to_have_text("Arenas you share")
    assert_no_axe_violations(page)
