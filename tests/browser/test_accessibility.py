"""axe-core finds no accessibility violations on the pages every visitor meets."""

import pytest
from playwright.sync_api import expect

from platform_core import demo
from tests.browser.axe import assert_no_axe_violations

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("path", ["/", "/accounts/login/", "/accounts/signup/"])
def test_public_page_has_no_axe_violations(page, live_server, path):
    page.goto(f"{live_server.url}{path}")

    assert_no_axe_violations(page)


def test_home_page_on_a_phone_with_the_menu_open_has_no_axe_violations(page, live_server):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(live_server.url)
    page.get_by_role("button", name="Show menu").click()
    expect(page.get_by_role("banner").get_by_role("button", name="Dansk")).to_be_visible()

    assert_no_axe_violations(page)


@pytest.mark.parametrize(
    "path", ["/settings/", "/settings/data/", "/settings/delete/", "/settings/calendar/"]
)
def test_settings_page_has_no_axe_violations(page, live_server, sign_in, path):
    demo.seed()
    sign_in(page, "citizen@example.org", demo.DEMO_PASSWORD)

    page.goto(f"{live_server.url}{path}")

    assert_no_axe_violations(page)


def test_an_arenas_audit_log_has_no_axe_violations(page, live_server, sign_in):
    demo.seed()
    sign_in(page, "convener@example.org", demo.DEMO_PASSWORD)

    page.goto(f"{live_server.url}/arenas/safer-school-routes/audit/")

    expect(page.get_by_role("heading", level=1)).to_have_text("Audit log")
    assert_no_axe_violations(page)
