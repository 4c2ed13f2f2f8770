"""A rate limit in Chromium, through HTMX: past it, the reply form under the post says so and keeps what
was written (no page load); an endorsement says so in the page's alert region. axe finds nothing."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.test_deliberation import assert_no_axe_violations, deliberation, thread_path  # noqa: F401
from tests.factories import PASSWORD

pytestmark = pytest.mark.browser


def test_past_the_rate_htmx_shows_the_message_in_place(page, live_server, sign_in, deliberation, settings):  # noqa: F811
    people = deliberation
    settings.RATE_LIMITS = {"posts": "1/minute", "endorsements": "1/minute"}
    sign_in(page, people.convener.email, PASSWORD)
    page.goto(f"{live_server.url}{thread_path(people)}")
    page.evaluate("window.stillTheSamePage = true")
    first = page.locator(f"#post-{people.first.number}")

    first.get_by_role("link", name=re.compile(r"^Reply")).click()
    form = page.locator(f"#reply-form-{people.first.number}")
    form.get_by_label("Your reply").fill("The lights take two minutes.")
    form.get_by_role("button", name="Post your reply").click()
    expect(page.locator("article.post", has_text="The lights take two minutes.")).to_be_visible()

    first.get_by_role("link", name=re.compile(r"^Reply")).click()
    form.get_by_label("Your reply").fill("And the footbridge floods.")
    form.get_by_role("button", name="Post your reply").click()

    expect(form.get_by_role("alert")).to_contain_text("You are posting very fast. You can post again in")
    expect(form.get_by_label("Your reply")).to_have_value("And the footbridge floods.")
    assert page.evaluate("window.stillTheSamePage") is True

    page.locator(f"#endorse-{people.first.number}").click()
    expect(page.locator(f"#endorse-{people.first.number}")).to_have_attribute("aria-pressed", "true")
    second = page.locator("[id^=endorse-]").nth(1)
    second.click()

    expect(page.locator("#page-alerts").get_by_role("alert")).to_contain_text("You are endorsing very fast.")
    assert page.evaluate("window.stillTheSamePage") is True
    assert_no_axe_violations(page)
