"""Browser tests: real headless Chromium through Playwright, against pytest-django's live server.

Playwright's own browser download is not available here, so the suite drives Debian's Chromium.
"""

import os
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.conftest import require_or_skip

# Playwright's sync API runs an event loop in the test thread; Django would otherwise refuse the ORM
# calls the tests make to set up data. Tests only: never set in any settings module.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not CHROMIUM.exists():
        require_or_skip(f"Chromium is not installed at {CHROMIUM}")
    return {
        **browser_type_launch_args,
        "executable_path": str(CHROMIUM),
        "args": CHROMIUM_ARGS,
        "headless": True,
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    # An English-speaking visitor unless a test says otherwise, whatever the machine's locale.
    return {**browser_context_args, "locale": "en-GB"}


@pytest.fixture
def sign_in(live_server):
    """Sign in through the sign-in form, the way a person does."""

    def _sign_in(page, email, password):
        page.goto(f"{live_server.url}/accounts/login/")
        page.get_by_label("Email", exact=True).fill(email)
        page.get_by_label("Password", exact=True).fill(password)
        page.locator("main").get_by_role("button", name="Sign in").click()
        expect(page.get_by_role("banner").get_by_role("button", name="Sign out")).to_be_visible()

    return _sign_in
