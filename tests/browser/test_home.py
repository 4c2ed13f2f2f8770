"""The signed-in home and the header in Chromium: on a 390×844 phone the unread count and the arenas link
show in the collapsed header without opening the menu; a notification opens as a link (and is read); the
signed-in home has no axe-core violations."""

from datetime import timedelta

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from arenas.models import Arena
from arenas.prototypes.models import Iteration
from platform_core.notifications.services import notify
from tests.arenas.pages_helpers import make_arena, make_people
from tests.factories import PASSWORD, JoinRequestFactory, PrototypeFactory

pytestmark = pytest.mark.browser

axe = Axe()
PHONE = {"width": 390, "height": 844}


@pytest.fixture
def people(transactional_db):
    from django.utils import timezone

    people = make_people()
    today = timezone.localdate()
    for title in ["Safer school routes", "Loneliness among seniors"]:
        arena = make_arena(people, title=title, visibility="restricted")
        arena.current_phase.end_date = today + timedelta(days=6)
        arena.current_phase.save()
        JoinRequestFactory(arena=arena)
        prototype = PrototypeFactory(arena=arena, lead=people.facilitator, title=f"Walking bus ({title})")
        Iteration.objects.create(
            prototype=prototype, number=1, goal="Try", status="running", end_date=today - timedelta(2)
        )
        for n in range(2):
            notify(
                recipients=[people.facilitator, people.participant],
                event="platform.tip",
                target_title=f"News {n}",
                url=arena.get_absolute_url(),
                group_key=arena.group_key,
                group_label=arena.title,
            )
    return people


def test_on_a_phone_the_unread_count_shows_without_opening_the_menu(page, live_server, sign_in, people):
    sign_in(page, people.participant.email, PASSWORD)
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/")

    banner = page.get_by_role("banner")
    expect(banner.get_by_role("button", name="Show menu")).to_be_visible()  # the menu is collapsed
    expect(banner.get_by_role("button", name="Sign out")).to_be_hidden()
    notifications = banner.get_by_role("link", name="Notifications 4 unread notifications")
    expect(notifications).to_be_visible()
    expect(banner.locator("#notification-count")).to_be_visible()
    expect(banner.locator("#notification-count")).to_have_text("4 unread notifications")
    arenas = banner.get_by_role("link", name="Arenas", exact=True)
    expect(arenas).to_be_visible()
    box = notifications.bounding_box()
    assert box["x"] + box["width"] <= PHONE["width"] and box["height"] >= 24, box
    header = banner.bounding_box()
    assert header["height"] < 120, "the header wrapped onto several lines"

    arenas.click()
    expect(page).to_have_url(f"{live_server.url}/arenas/")


def test_a_notification_is_a_link_that_is_read_once_followed(page, live_server, sign_in, people):
    sign_in(page, people.participant.email, PASSWORD)
    page.goto(f"{live_server.url}/notifications/")

    newest = Arena.objects.get(title="Loneliness among seniors")  # its tips came last: listed first

    link = page.locator("main").get_by_role("link", name="A tip for getting started — News 1").first
    href = link.get_attribute("href")
    assert href.startswith("/notifications/") and href.endswith("/open/")
    link.click()

    expect(page).to_have_url(f"{live_server.url}{newest.get_absolute_url()}")
    expect(page.get_by_role("heading", level=1)).to_have_text("Loneliness among seniors")
    expect(page.get_by_role("banner").locator("#notification-count")).to_have_text("3 unread notifications")


@pytest.mark.parametrize("viewport", [PHONE, {"width": 1280, "height": 900}])
def test_the_signed_in_home_has_no_axe_violations(page, live_server, sign_in, people, viewport):
    sign_in(page, people.facilitator.email, PASSWORD)
    page.set_viewport_size(viewport)
    page.goto(f"{live_server.url}/")

    main = page.locator("main")
    expect(main.get_by_role("heading", name="My arenas")).to_be_visible()
    expect(main.get_by_role("link", name="Safer school routes", exact=True)).to_be_visible()
    expect(main.get_by_role("link", name="1 request to join").first).to_be_visible()
    expect(main.get_by_text("past its end date").first).to_be_visible()
    expect(main.get_by_role("heading", name="Upcoming deadlines")).to_be_visible()
    results = axe.run(page)
    assert results.violations_count == 0, results.generate_report()
