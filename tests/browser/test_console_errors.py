"""No console errors on the main pages, in Chromium: every page a citizen, a facilitator and a convener
use opens without an error or a Content-Security-Policy refusal in the console and without an uncaught
exception, and so do the HTMX swaps (endorsing a post, opening the reply form, the notification count)
and Bootstrap's collapse (the phone menu, the "Filter" button)."""

import pytest
from playwright.sync_api import expect

from tests.browser.mobile_world import LAPTOP, PHONE, make_world
from tests.factories import PASSWORD

pytestmark = pytest.mark.browser


@pytest.fixture
def world(transactional_db):
    return make_world()


@pytest.fixture
def console_errors(page):
    """What the console says at level error (a CSP refusal is one) and every uncaught exception."""
    errors = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.on("pageerror", lambda error: errors.append(f"uncaught: {error}"))
    return errors


def open_all(page, live_server, console_errors, paths):
    for path in paths:
        response = page.goto(f"{live_server.url}{path}")
        assert response.status == 200, path
        page.wait_for_load_state("networkidle")
        assert console_errors == [], path


def test_the_public_pages_log_no_console_error(page, live_server, console_errors, world):
    arena = f"/arenas/{world.arena.slug}/"
    open_all(
        page,
        live_server,
        console_errors,
        ["/", "/arenas/", arena, world.threads_url, world.thread_url, "/accounts/login/", "/api/docs/"],
    )
    expect(page.locator(".swagger-ui")).to_be_visible()  # the API documentation did draw itself


def test_a_participants_pages_and_swaps_log_no_console_error(
    page, live_server, sign_in, console_errors, world
):
    sign_in(page, world.participant.email, PASSWORD)
    arena = f"/arenas/{world.arena.slug}/"
    open_all(
        page,
        live_server,
        console_errors,
        [
            "/",
            arena,
            world.threads_url,
            f"{arena}prototypes/",
            world.prototype_url,
            "/notifications/",
            "/settings/",
            "/settings/notifications/",
            world.thread_url,
        ],
    )

    endorse = page.locator(f"#endorse-{world.reply.number}")
    endorse.click()
    expect(endorse).to_have_attribute("aria-pressed", "true")
    page.locator(f"#post-{world.reply.number}").get_by_role("link", name="Reply").click()
    expect(page.locator(f"#post-{world.reply.number}-panel textarea")).to_be_visible()
    page.evaluate("htmx.trigger(document.body, 'notifications-changed')")  # the header's count reloads
    page.wait_for_load_state("networkidle")
    assert console_errors == []

    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}{world.threads_url}")
    page.get_by_role("button", name="Filter", exact=True).click()
    expect(page.get_by_label("Search titles and texts")).to_be_visible()
    page.get_by_role("button", name="Show menu").click()
    expect(page.get_by_role("link", name="Notifications")).to_be_visible()
    assert console_errors == []
    page.set_viewport_size(LAPTOP)


def test_the_facilitators_and_conveners_pages_log_no_console_error(
    page, live_server, sign_in, console_errors, world
):
    arena = f"/arenas/{world.arena.slug}/"
    sign_in(page, world.facilitator.email, PASSWORD)
    open_all(page, live_server, console_errors, [f"{arena}moderation/", world.thread_url])
    page.locator(f"#post-{world.first.number}").get_by_role("link", name="Hide").click()
    expect(page.locator(f"#post-{world.first.number}-panel textarea")).to_be_visible()
    assert console_errors == []

    page.context.clear_cookies()
    sign_in(page, world.convener.email, PASSWORD)
    open_all(page, live_server, console_errors, [f"{arena}members/", f"{arena}settings/", arena])
