"""Right-to-left text in Chromium: an Arabic thread title and Arabic posts read from the right while the
English ones beside them read from the left; Arabic typed into the composer runs right to left as it is
typed and lands, after posting, as a right-to-left post; emoji topics show as written. axe-core finds
nothing on the page."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from arenas.deliberation.services.posts import post_create
from arenas.deliberation.services.threads import thread_create
from tests.arenas.pages_helpers import make_arena, make_people
from tests.factories import PASSWORD

pytestmark = pytest.mark.browser

axe = Axe()
ARABIC_TITLE = "مدرسة آمنة"  # "a safe school"
ARABIC_POST = "نحتاج إلى ممر مشاة أمام المدرسة"  # "we need a crossing in front of the school"
ARABIC_REPLY = "أوافق، الانتظار طويل جدًا"  # "I agree, the wait is far too long"


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "reduced_motion": "reduce"}


@pytest.fixture
def thread(transactional_db):
    people = make_people()
    arena = make_arena(people, title="Safer school routes", slug="safer-school-routes")
    thread = thread_create(
        arena=arena,
        author=people.participant,
        title=ARABIC_TITLE,
        body=ARABIC_POST,
        topics=["🌳", "مدرسة"],
        notify_members=False,
    )
    post_create(thread=thread, author=people.facilitator, body="At the lights by the bakery.")
    thread.people = people
    return thread


def direction(locator) -> str:
    return locator.evaluate("element => getComputedStyle(element).direction")


def test_arabic_reads_right_to_left_beside_english_and_as_it_is_typed(page, live_server, sign_in, thread):
    sign_in(page, thread.people.participant.email, PASSWORD)
    page.goto(f"{live_server.url}{thread.get_absolute_url()}")

    title = page.get_by_role("heading", level=1, name=ARABIC_TITLE)
    expect(title).to_be_visible()
    assert direction(title) == "rtl"
    assert direction(page.locator(".thread-opening")) == "rtl"
    assert direction(page.locator(".post-body", has_text="At the lights")) == "ltr"
    expect(page.get_by_text("🌳", exact=True)).to_be_visible()

    composer = page.locator("textarea[name=body]").first
    composer.fill(ARABIC_REPLY)
    assert direction(composer) == "rtl"
    page.get_by_role("button", name="Publish your post").click()

    reply = page.locator(".post-body", has_text=ARABIC_REPLY)
    expect(reply).to_be_visible()
    assert direction(reply) == "rtl"
    results = axe.run(page)
    assert results.violations_count == 0, results.generate_report()
