"""Deliberation in Chromium: a participant replies through the inline form without a page load, and
another member, who has the same thread open, sees "1 new post" appear without reloading; endorsing
toggles in place; axe-core finds no accessibility violations on the thread list, a thread page (with
posts, a summary, replies, a hidden and a deleted post; as a reader and as a facilitator; with a reply
form open) and the moderation queue with flags."""

import re

import pytest
from playwright.sync_api import expect

from arenas.deliberation.services.moderation import flag_create
from arenas.deliberation.services.posts import post_create, post_delete, post_edit, post_hide
from arenas.deliberation.services.threads import thread_create, thread_summary_set
from arenas.models import Membership, Role
from arenas.services.membership import membership_ban
from tests.arenas.pages_helpers import make_arena, make_people
from tests.browser.axe import assert_no_axe_violations
from tests.factories import PASSWORD, MembershipFactory, UserFactory

pytestmark = pytest.mark.browser

NEW_POST_WAIT_MS = 15_000


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    # Without motion, Bootstrap's 150 ms colour transitions are off: axe then measures the colours a
    # hovered button settles on, not a blend caught half-way.
    return {**browser_context_args, "reduced_motion": "reduce"}


@pytest.fixture
def deliberation(transactional_db, settings):
    """Safer school routes with a thread in full swing: posts with stances, replies two levels deep, an
    edited post, a summary in its second version, a hidden post, a deleted one and an open flag."""
    settings.DELIBERATION_POLL_SECONDS = 1
    people = make_people()
    people.neighbour = UserFactory(email="bo@example.org", display_name="Bo Neighbour", handle="bo")
    arena = make_arena(people, title="Safer school routes", slug="safer-school-routes")
    MembershipFactory(arena=arena, user=people.neighbour, role=Role.PARTICIPANT)
    thread = thread_create(
        arena=arena,
        author=people.participant,
        title="Crossing at Ring Road",
        body="Where do the children **cross** today, and where should they?",
        kind="question",
        topics=["Mobility"],
        notify_members=False,
    )
    thread_create(arena=arena, author=people.facilitator, title="House rules", kind="decision")
    first = post_create(
        thread=thread, author=people.neighbour, body="At the lights by the bakery.", stance="question"
    )
    reply = post_create(
        thread=thread, author=people.facilitator, body="Thanks @bo — how long is the wait?", parent=first
    )
    post_create(thread=thread, author=people.neighbour, body="Almost two minutes.", parent=reply)
    edited = post_create(thread=thread, author=people.participant, body="A zebra crossing", stance="supports")
    post_edit(post=edited, actor=people.participant, body="A zebra crossing with a crossing guard")
    rude = post_create(thread=thread, author=people.neighbour, body="Drivers here are idiots.")
    post_hide(post=rude, actor=people.facilitator, reason="Keep it civil, please.")
    gone = post_create(thread=thread, author=people.participant, body="Posted twice")
    post_delete(post=gone, actor=people.participant)
    spam = post_create(
        thread=thread, author=people.neighbour, body="Cheap bikes at example.com", stance="concerns"
    )
    flag_create(post=spam, reporter=people.participant, reason="spam")
    flag_create(post=spam, reporter=people.convener, reason="other", note="Advertising, not a view")
    thread_summary_set(thread=thread, actor=people.facilitator, body="People cross at the lights.")
    thread_summary_set(
        thread=thread,
        actor=people.facilitator,
        body="Most cross at the lights; the wait is long. **Next**: a count.",
    )
    people.arena, people.thread, people.first = arena, thread, first
    return people


def thread_path(people):
    return f"/arenas/{people.arena.slug}/threads/{people.thread.pk}/"


def test_a_reply_through_the_inline_form_and_another_member_sees_it_arrive(
    browser, page, live_server, sign_in, deliberation
):
    people = deliberation
    other_context = browser.new_context(locale="en-GB", reduced_motion="reduce")
    other = other_context.new_page()
    sign_in(other, "bo@example.org", PASSWORD)
    other.goto(f"{live_server.url}{thread_path(people)}")
    other.evaluate("window.stillTheSamePage = true")
    expect(other.get_by_role("heading", name="Crossing at Ring Road")).to_be_visible()

    sign_in(page, people.participant.email, PASSWORD)
    page.goto(f"{live_server.url}{thread_path(people)}")
    page.evaluate("window.stillTheSamePage = true")
    first = page.locator(f"#post-{people.first.number}")
    first.get_by_role("link", name=re.compile(r"^Reply")).click()
    form = page.locator(f"#reply-form-{people.first.number}")
    expect(form.get_by_label("Your reply")).to_be_focused()
    form.get_by_label("Your reply").fill("We walk the *long way* round to the footbridge.")
    form.get_by_role("button", name="Post your reply").click()

    reply = page.locator("article.post", has_text="We walk the long way round to the footbridge.")
    expect(reply).to_be_visible()
    expect(reply.locator("em")).to_have_text("long way")
    assert page.evaluate("window.stillTheSamePage") is True  # no page load: HTMX swapped the posts
    expect(reply).to_be_focused()
    expect(first.locator("xpath=..").locator(".post-replies").first).to_contain_text("footbridge")

    notice = other.locator("#new-posts-notice")
    expect(notice).to_contain_text("1 new post", timeout=NEW_POST_WAIT_MS)
    assert other.evaluate("window.stillTheSamePage") is True
    expect(notice).to_have_attribute("aria-live", "polite")
    other.get_by_role("link", name=re.compile("1 new post")).click()
    expect(other.get_by_text("We walk the long way round to the footbridge.")).to_be_visible()
    page.wait_for_timeout(2_500)  # two polls of the author's own page: their reply is no news to them
    expect(page.locator("#new-posts-notice")).to_be_empty()
    other_context.close()


def test_cancel_closes_the_inline_form_and_gives_focus_back(page, live_server, sign_in, deliberation):
    people = deliberation
    sign_in(page, people.participant.email, PASSWORD)
    page.goto(f"{live_server.url}{thread_path(people)}")
    reply_link = page.locator(f"#post-{people.first.number}").get_by_role("link", name=re.compile(r"^Reply"))
    reply_link.click()
    form = page.locator(f"#reply-form-{people.first.number}")
    expect(form.get_by_label("Your reply")).to_be_focused()

    form.get_by_role("link", name="Cancel").click()

    expect(form).to_have_count(0)
    expect(reply_link).to_be_focused()


def test_endorsing_toggles_in_place_and_keeps_focus(page, live_server, sign_in, deliberation):
    people = deliberation
    sign_in(page, people.participant.email, PASSWORD)
    page.goto(f"{live_server.url}{thread_path(people)}")
    page.evaluate("window.stillTheSamePage = true")
    button = page.locator(f"#endorse-{people.first.number}")
    expect(button).to_have_attribute("aria-pressed", "false")

    button.click()

    expect(button).to_have_attribute("aria-pressed", "true")
    expect(button.locator(".endorse-count")).to_have_text("1")
    expect(button).to_be_focused()
    # HTMX wires up what it swapped in once the swap settles (20 ms later): press only then, as a person would
    expect(page.locator(".endorse-form.htmx-added")).to_have_count(0)
    button.press("Enter")
    expect(button).to_have_attribute("aria-pressed", "false")
    assert page.evaluate("window.stillTheSamePage") is True


def test_the_thread_list_has_no_axe_violations(page, live_server, sign_in, deliberation):
    sign_in(page, deliberation.participant.email, PASSWORD)
    page.goto(f"{live_server.url}/arenas/{deliberation.arena.slug}/threads/")
    expect(page.get_by_role("link", name="Crossing at Ring Road")).to_be_visible()
    expect(page.get_by_role("link", name="Start a thread")).to_be_visible()

    assert_no_axe_violations(page)


def test_the_thread_page_for_a_reader_has_no_axe_violations(page, live_server, deliberation):
    page.goto(f"{live_server.url}{thread_path(deliberation)}")
    expect(page.get_by_text("Hidden by a moderator.")).to_be_visible()
    expect(page.get_by_text("This post was deleted.")).to_be_visible()
    expect(page.locator("#summary")).to_contain_text("the wait is long")

    assert_no_axe_violations(page)


def test_a_busy_post_shows_its_first_replies_and_a_link_to_the_rest_with_no_axe_violations(
    page, live_server, deliberation
):
    for n in range(10):  # the first post has one reply already (and a reply to it): 12 in all
        author = deliberation.participant if n % 2 else deliberation.convener
        post_create(thread=deliberation.thread, author=author, body=f"Reply {n}", parent=deliberation.first)
    page.goto(f"{live_server.url}{thread_path(deliberation)}")
    more = page.get_by_role("link", name=f"2 more replies to post {deliberation.first.number}")
    expect(more).to_be_visible()

    assert_no_axe_violations(page)

    more.click()
    expect(page.get_by_text("Reply 9", exact=True)).to_be_visible()
    expect(page.get_by_role("link", name=re.compile("more repl"))).to_have_count(0)


def test_the_thread_page_for_a_facilitator_with_a_reply_form_open_has_no_axe_violations(
    page, live_server, sign_in, deliberation
):
    people = deliberation
    sign_in(page, people.facilitator.email, PASSWORD)
    page.goto(f"{live_server.url}{thread_path(people)}")
    expect(page.get_by_text("Keep it civil, please.")).to_be_visible()
    page.get_by_text("1 earlier version", exact=True).first.click()  # the summary's history
    page.get_by_text("Write a new version of the summary").click()
    page.locator(f"#post-{people.first.number}").get_by_role("link", name=re.compile(r"^Reply")).click()
    expect(page.locator(f"#reply-form-{people.first.number}").get_by_label("Your reply")).to_be_focused()

    assert_no_axe_violations(page)

    page.locator(f"#reply-form-{people.first.number}").get_by_role("button", name="Post your reply").click()
    expect(page.locator(f"#reply-form-{people.first.number}")).to_contain_text("This field is required.")
    assert_no_axe_violations(page)


def test_the_moderation_queue_decides_hide_warn_and_ban_in_one_form_with_no_axe_violations(
    page, live_server, sign_in, deliberation
):
    sign_in(page, deliberation.facilitator.email, PASSWORD)
    page.goto(f"{live_server.url}/arenas/{deliberation.arena.slug}/moderation/")
    expect(page.get_by_text("Advertising, not a view")).to_be_visible()
    decision = page.get_by_role("group", name=re.compile(r"^Your decision on post"))
    for choice in ("Hide the post", "Warn the author", "Ban the author from this arena"):
        decision.get_by_label(choice).check()

    assert_no_axe_violations(page)

    page.get_by_role("button", name=re.compile(r"^Apply the decision")).click()  # no reason yet
    expect(page.get_by_role("alert")).to_contain_text("Say why: the author is told")
    expect(page.get_by_label("Ban the author from this arena")).to_be_checked()  # the choices are kept
    assert_no_axe_violations(page)

    page.get_by_label("Reason").fill("Advertising, after a warning")
    page.get_by_role("button", name=re.compile(r"^Apply the decision")).click()
    expect(page.get_by_role("status")).to_contain_text(
        "Decided: the post is hidden; Bo Neighbour is warned; Bo Neighbour is banned from this arena."
    )
    expect(page.get_by_text("Nothing to review")).to_be_visible()
    assert page.url.endswith("/moderation/")  # swapped in place by htmx, the page was not reloaded
    assert_no_axe_violations(page)


def test_the_banned_person_reads_why_and_how_to_ask_for_a_review_with_no_axe_violations(
    page, live_server, sign_in, deliberation
):
    membership = Membership.objects.get(arena=deliberation.arena, user=deliberation.neighbour)
    membership_ban(
        arena=deliberation.arena, membership=membership, actor=deliberation.facilitator, reason="Advertising"
    )
    sign_in(page, deliberation.neighbour.email, PASSWORD)
    page.goto(f"{live_server.url}/arenas/{deliberation.arena.slug}/")

    notice = page.locator("#ban-notice")
    expect(notice).to_contain_text("You were banned from this arena by a facilitator.")
    expect(notice).to_contain_text("Advertising")
    expect(notice.get_by_role("heading", name="Ask for a review")).to_be_visible()
    expect(notice).not_to_contain_text("Frederik")
    assert_no_axe_violations(page)


def test_the_moderation_decision_works_without_javascript(browser, live_server, sign_in, deliberation):
    context = browser.new_context(java_script_enabled=False, locale="en-GB")
    page = context.new_page()
    sign_in(page, deliberation.facilitator.email, PASSWORD)
    page.goto(f"{live_server.url}/arenas/{deliberation.arena.slug}/moderation/")

    page.get_by_role("button", name=re.compile(r"^Dismiss the flags")).click()

    expect(page.get_by_text("2 flags dismissed: the post stays as it is.")).to_be_visible()
    expect(page.get_by_text("Nothing to review")).to_be_visible()
    context.close()
