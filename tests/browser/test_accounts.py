"""Signing in and choosing a language, in the browser."""

import pytest
from playwright.sync_api import expect

from platform_core import demo

pytestmark = pytest.mark.browser


def test_demo_citizen_signs_in_through_the_form(page, live_server):
    demo.seed()
    page.goto(f"{live_server.url}/accounts/login/")

    page.get_by_label("Email", exact=True).fill("citizen@example.org")
    page.get_by_label("Password", exact=True).fill(demo.DEMO_PASSWORD)
    page.locator("main").get_by_role("button", name="Sign in").click()

    expect(page).to_have_url(f"{live_server.url}/")
    header = page.get_by_role("banner")
    expect(header.get_by_role("button", name="Sign out")).to_be_visible()
    expect(header.get_by_role("link", name="Settings (Cecilie Citizen)")).to_be_visible()
    expect(header.get_by_role("link", name="Sign in")).to_have_count(0)


def test_language_switcher_turns_the_site_danish_and_remembers_it(page, live_server):
    page.goto(live_server.url)
    expect(page.locator("html")).to_have_attribute("lang", "en")

    page.get_by_role("banner").get_by_role("button", name="Dansk").click()

    expect(page.locator("html")).to_have_attribute("lang", "da")
    expect(page.get_by_role("banner").get_by_role("button", name="English")).to_be_visible()

    # A fresh page load, with nothing but the remembered choice to go on. "Log ind" is allauth's own
    # Danish for "Sign In", so this does not depend on our catalogue.
    page.goto(f"{live_server.url}/accounts/login/")
    expect(page.locator("html")).to_have_attribute("lang", "da")
    expect(page.get_by_role("heading", level=1)).to_have_text("Log ind")
