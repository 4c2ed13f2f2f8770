"""What anyone sees and can reach on the public pages, with a mouse or a keyboard."""

from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_home_page_loads_nothing_from_another_host(page, live_server):
    requested = []
    page.on("request", lambda request: requested.append(request.url))

    page.goto(live_server.url)

    expect(page.get_by_role("heading", level=1)).to_have_text("Solve public problems together")
    page.wait_for_load_state("networkidle")
    own_host = urlsplit(live_server.url).netloc
    assert any(url.endswith(".css") for url in requested), requested  # the recorder did see the page load
    elsewhere = [url for url in requested if not url.startswith("data:") and urlsplit(url).netloc != own_host]
    assert elsewhere == [], f"the page loaded these from another host: {elsewhere}"


def test_first_tab_reaches_the_skip_link_which_moves_focus_to_main(page, live_server):
    page.goto(live_server.url)
    skip_link = page.get_by_role("link", name="Skip to main content")
    expect(skip_link).not_to_be_in_viewport()

    page.keyboard.press("Tab")

    expect(skip_link).to_be_focused()
    expect(skip_link).to_be_in_viewport()
    box = skip_link.bounding_box()
    assert box is not None and box["width"] > 20 and box["height"] > 10, box

    page.keyboard.press("Enter")

    expect(page.locator("main")).to_be_focused()
    assert page.url.endswith("#main")
