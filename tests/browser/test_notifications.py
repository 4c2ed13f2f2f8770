"""The notification centre in the browser: the header badge, marking read over HTMX, and accessibility."""

import re

import pytest
from playwright.sync_api import expect

from platform_core.notifications.services import notify
from platform_core.notifications.tokens import unsubscribe_token_make
from tests.browser.axe import assert_no_axe_violations
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.browser


@pytest.fixture
def citizen(transactional_db):
    person = UserFactory(email="cecilie@example.org", display_name="Cecilie Citizen")
    for title in ["Greener schoolyards", "Safer school routes", "Library opening hours"]:
        notify(
            recipients=[person],
            event="platform.tip",
            target_title=title,
            url="/",
            group_key="arena:1",
            group_label="Our neighbourhood",
        )
    return person


@pytest.fixture
def browser_errors(page):
    """Console errors (a Content-Security-Policy refusal shows up here) and uncaught exceptions."""
    errors = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.on("pageerror", lambda error: errors.append(str(error)))
    return errors


def header_badge(page):
    return page.get_by_role("banner").locator("#notification-count")


def test_the_header_shows_the_unread_count(page, live_server, sign_in, citizen):
    sign_in(page, citizen.email, PASSWORD)

    expect(header_badge(page)).to_have_text("3 unread notifications")
    expect(
        page.get_by_role("banner").get_by_role("link", name="Notifications 3 unread notifications")
    ).to_be_visible()


def test_marking_read_updates_the_list_and_the_badge_without_a_reload(
    page, live_server, sign_in, citizen, browser_errors
):
    sign_in(page, citizen.email, PASSWORD)
    page.goto(f"{live_server.url}/notifications/")
    main = page.locator("main")
    expect(main.get_by_text("New", exact=True)).to_have_count(3)
    # Set on this document only: a full page load would lose it.
    page.evaluate("window.sameDocument = true")

    main.get_by_role("button", name=re.compile(r"^Mark as read\W+A tip .*Safer school routes$")).click()

    expect(main.get_by_text("New", exact=True)).to_have_count(2)
    expect(main.get_by_role("button", name=re.compile(r"^Mark as read.*Safer school routes$"))).to_have_count(
        0
    )
    expect(main.get_by_role("button", name="Mark as read")).to_have_count(2)
    expect(header_badge(page)).to_have_text("2 unread notifications")
    assert page.evaluate("window.sameDocument") is True, "the page reloaded instead of swapping the list"

    main.get_by_role("button", name="Mark all as read").click()

    expect(main.get_by_role("button", name="Mark as read")).to_have_count(0)
    expect(main.get_by_text("New", exact=True)).to_have_count(0)
    expect(header_badge(page)).to_be_empty()
    expect(page.get_by_role("banner").get_by_role("link", name="Notifications", exact=True)).to_be_visible()
    assert page.evaluate("window.sameDocument") is True, "the page reloaded instead of swapping the list"
    assert page.url == f"{live_server.url}/notifications/"
    assert browser_errors == []


def test_the_notification_centre_has_no_axe_violations(page, live_server, sign_in, citizen):
    sign_in(page, citizen.email, PASSWORD)

    page.goto(f"{live_server.url}/notifications/")
    expect(page.get_by_role("button", name="Mark as read")).to_have_count(3)

    assert_no_axe_violations(page)


def test_the_notification_settings_have_no_axe_violations(page, live_server, sign_in, citizen):
    sign_in(page, citizen.email, PASSWORD)

    page.goto(f"{live_server.url}/settings/notifications/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Notification settings")

    assert_no_axe_violations(page)


def test_the_unsubscribe_confirmation_has_no_axe_violations(page, live_server, citizen):
    token = unsubscribe_token_make(user_id=citizen.pk, category="platform")

    page.goto(f"{live_server.url}/notifications/unsubscribe/{token}/")
    expect(page.get_by_role("button", name="Yes, stop these emails")).to_be_visible()

    assert_no_axe_violations(page)
