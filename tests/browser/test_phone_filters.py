"""The filters on a 390 × 844 phone: the thread list's and the directory's filters sit behind one "Filter"
button, so the first result is a few Tab presses from the start of the page; the button says how many
filters are active and opening it shows them; on a laptop the form shows as before and the button does
not. axe-core finds nothing with the filters closed or open."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests.browser.mobile_world import LAPTOP, PHONE, make_world
from tests.factories import PASSWORD

pytestmark = pytest.mark.browser

axe = Axe()
MAX_TABS_TO_FIRST_RESULT = 5


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "reduced_motion": "reduce", "viewport": PHONE}


@pytest.fixture
def world(transactional_db):
    return make_world()


def assert_no_axe_violations(page):
    results = axe.run(page)
    assert results.violations_count == 0, results.generate_report()


def sign_in_on_a_phone(page, sign_in, user):
    """The sign-in fixture looks for "Sign out" in the header, which a phone keeps in the collapsed menu."""
    page.set_viewport_size(LAPTOP)
    sign_in(page, user.email, PASSWORD)
    page.set_viewport_size(PHONE)


def tabs_from_main_to(page, target) -> int:
    """Tab presses from the skip link's destination (the start of <main>) until ``target`` has focus."""
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Skip to main content")).to_be_focused()
    page.keyboard.press("Enter")
    for presses in range(1, 30):
        page.keyboard.press("Tab")
        if target.evaluate("element => element === document.activeElement"):
            return presses
    raise AssertionError("the first result never had focus")


def test_on_a_phone_the_thread_filters_wait_behind_one_button(page, live_server, sign_in, world):
    sign_in_on_a_phone(page, sign_in, world.participant)
    page.goto(f"{live_server.url}{world.threads_url}")

    search = page.get_by_label("Search titles and texts")
    expect(search).to_be_hidden()
    expect(page.get_by_label("Kind")).to_be_hidden()
    first_thread = page.locator(".thread-list a").first
    assert tabs_from_main_to(page, first_thread) <= MAX_TABS_TO_FIRST_RESULT
    assert_no_axe_violations(page)

    toggle = page.get_by_role("button", name="Filter", exact=True)
    toggle.click()
    expect(toggle).to_have_attribute("aria-expanded", "true")
    expect(search).to_be_visible()
    search.fill("Ring Road")
    page.get_by_role("button", name="Show threads").click()

    expect(page.get_by_role("heading", name="1 thread")).to_be_visible()
    expect(page.get_by_role("button", name="Filter (1)")).to_be_visible()
    expect(search).to_be_hidden()
    assert_no_axe_violations(page)
    page.get_by_role("link", name="Clear the filters").click()  # beside the button, the form still closed
    expect(page.get_by_role("heading", name="21 threads")).to_be_visible()
    expect(page.get_by_role("button", name="Filter", exact=True)).to_be_visible()


def test_the_button_counts_the_active_thread_filters(page, live_server, world):
    page.goto(f"{live_server.url}{world.threads_url}?q=idea&kind=idea&sort=title")

    toggle = page.get_by_role("button", name="Filter (2)")  # the search and the kind; sorting is no filter
    expect(toggle).to_be_visible()
    toggle.click()
    expect(page.get_by_label("Kind")).to_have_value("idea")
    assert_no_axe_violations(page)


def test_on_a_phone_the_directory_filters_wait_behind_one_button(page, live_server, world):
    page.goto(f"{live_server.url}/arenas/")

    search = page.get_by_label("Search titles and problem statements")
    expect(search).to_be_hidden()
    first_arena = page.locator(".arena-list a").first
    assert tabs_from_main_to(page, first_arena) <= MAX_TABS_TO_FIRST_RESULT

    page.get_by_role("button", name="Filter", exact=True).click()
    expect(search).to_be_visible()
    page.get_by_label("Include archived arenas").check()
    page.get_by_role("button", name="Show arenas").click()
    expect(page).to_have_url(re.compile(r"archived=on"))
    expect(page.get_by_role("button", name="Filter (1)")).to_be_visible()
    assert_no_axe_violations(page)


def test_on_a_laptop_the_filters_show_and_the_button_does_not(page, live_server, world):
    page.set_viewport_size(LAPTOP)
    for url, search_label in [
        (world.threads_url, "Search titles and texts"),
        ("/arenas/", "Search titles and problem statements"),
    ]:
        page.goto(f"{live_server.url}{url}")
        expect(page.get_by_label(search_label)).to_be_visible()
        expect(page.get_by_role("button", name=re.compile(r"^Filter"))).to_be_hidden()
