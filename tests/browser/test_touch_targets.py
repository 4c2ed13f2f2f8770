"""Touch targets of at least 24 × 24 CSS px (WCAG 2.2, 2.5.8 Target Size, minimum) on a 390 px phone: the
rating radios of the prototype feedback form, the post actions (endorse, reply, flag, hide), the thread
list's pagination, the arena page's topic links and the language switcher. axe-core finds nothing on the
prototype page with its bigger radios."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests.browser.mobile_world import LAPTOP, PHONE, make_world
from tests.factories import PASSWORD

pytestmark = pytest.mark.browser

axe = Axe()
MINIMUM = 24


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "reduced_motion": "reduce", "viewport": PHONE}


@pytest.fixture
def world(transactional_db):
    return make_world()


def sign_in_on_a_phone(page, sign_in, user):
    page.set_viewport_size(LAPTOP)
    sign_in(page, user.email, PASSWORD)
    page.set_viewport_size(PHONE)


def assert_big_enough(locator, *, expected_count=None):
    count = locator.count()
    assert count, "nothing to measure"
    if expected_count is not None:
        assert count == expected_count
    for index in range(count):
        target = locator.nth(index)
        expect(target).to_be_visible()
        box = target.bounding_box()
        name = target.evaluate("element => element.outerHTML.slice(0, 120)")
        assert box["width"] >= MINIMUM and box["height"] >= MINIMUM, f"{box['width']}×{box['height']}: {name}"


def test_the_rating_radios_are_big_enough_to_tap(page, live_server, sign_in, world):
    sign_in_on_a_phone(page, sign_in, world.participant)
    page.goto(f"{live_server.url}{world.prototype_url}")

    ratings = page.locator("#feedback input[type=radio][name=rating]")
    assert_big_enough(ratings, expected_count=5)
    rows = {round(ratings.nth(index).bounding_box()["y"]) for index in range(5)}
    assert len(rows) == 1, "the five ratings wrap onto a second line"
    assert_big_enough(page.locator("#feedback input[type=radio][name=would_use]"))
    ratings.nth(3).check()  # the radio itself takes the tap
    expect(ratings.nth(3)).to_be_checked()
    results = axe.run(page)
    assert results.violations_count == 0, results.generate_report()


def test_post_actions_are_big_enough_to_tap(page, live_server, sign_in, world):
    sign_in_on_a_phone(page, sign_in, world.facilitator)
    page.goto(f"{live_server.url}{world.thread_url}")

    first = page.locator(f"#post-{world.first.number}")
    actions = first.locator(".post-actions").first.locator("a, button")
    assert actions.count() >= 3  # endorse, reply, flag, hide for a facilitator
    assert_big_enough(actions)
    assert_big_enough(first.locator(".post-time").first)


def test_pagination_topic_links_and_language_switcher_are_big_enough(page, live_server, world):
    page.goto(f"{live_server.url}{world.threads_url}")
    assert_big_enough(page.get_by_role("navigation", name="Pages").get_by_role("link"))

    page.goto(f"{live_server.url}/arenas/{world.arena.slug}/")
    assert_big_enough(page.locator("a.topic-badge"), expected_count=2)

    page.get_by_role("button", name="Show menu").click()
    assert_big_enough(page.locator(".language-switcher button"))
