"""The members page in the browser, as a facilitator: accessible with everything on it, the "Copy" button
for join links, and the bulk-invite button that counts — with no script refused by the CSP."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from arenas.models import Arena, Invitation, Membership, Role
from tests.browser.axe import assert_no_axe_violations
from tests.factories import (
    PASSWORD,
    ArenaFactory,
    InvitationFactory,
    JoinLinkFactory,
    JoinRequestFactory,
    MembershipFactory,
    UserFactory,
)

pytestmark = pytest.mark.browser


@pytest.fixture
def browser_errors(page):
    """Console errors (a Content-Security-Policy refusal shows up here) and uncaught exceptions."""
    errors = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.on("pageerror", lambda error: errors.append(str(error)))
    return errors


@pytest.fixture
def busy_arena(transactional_db):
    """A restricted arena with members of every role, a banned one, pending invitations, join links and
    join requests; returns it and its facilitator."""
    arena = ArenaFactory(
        title="Loneliness among seniors", slug="loneliness", visibility=Arena.Visibility.RESTRICTED
    )
    facilitator = UserFactory(email="frederik@example.org", display_name="Frederik Facilitator")
    MembershipFactory(arena=arena, user=facilitator, role=Role.FACILITATOR)
    MembershipFactory(arena=arena, role=Role.CONVENER, user__display_name="Clara Convener")
    for role, stakeholder in [
        (Role.PARTICIPANT, "resident"),
        (Role.PARTICIPANT, "civil_society"),
        (Role.OBSERVER, "elected_official"),
    ]:
        MembershipFactory(arena=arena, role=role, stakeholder_type=stakeholder)
    banned = MembershipFactory(arena=arena, user__display_name="Bob Banned")
    Membership.objects.filter(pk=banned.pk).update(
        banned=True, ban_reason="Repeated insults", banned_by=facilitator, banned_at=timezone.now()
    )
    InvitationFactory(arena=arena, email="late.reply@example.org", invited_by=facilitator)
    InvitationFactory(arena=arena, email="observer@example.org", role=Role.OBSERVER, sent_count=3)
    JoinLinkFactory(arena=arena, created_by=facilitator, max_uses=20, uses=4)
    JoinLinkFactory(arena=arena, role=Role.OBSERVER, expires_at=timezone.now() + timezone.timedelta(days=7))
    JoinRequestFactory(arena=arena, user__display_name="Rita Requester", stakeholder_type="service_user")
    JoinRequestFactory(arena=arena, note="")
    return arena, facilitator


def members_page(page, live_server, arena):
    page.goto(f"{live_server.url}/arenas/{arena.slug}/members/")


def test_the_members_page_with_everything_on_it_has_no_axe_violations(
    page, live_server, sign_in, busy_arena, browser_errors
):
    arena, facilitator = busy_arena
    sign_in(page, facilitator.email, PASSWORD)
    members_page(page, live_server, arena)
    expect(page.locator("#join-requests")).to_contain_text("Rita Requester")
    expect(page.locator("#banned")).to_contain_text("Repeated insults")
    # Open a ban form too: it is part of the page a moderator works with.
    page.locator("#members details summary").first.click()

    assert_no_axe_violations(page)
    assert browser_errors == []


def test_the_bulk_report_and_form_errors_have_no_axe_violations(page, live_server, sign_in, busy_arena):
    arena, facilitator = busy_arena
    sign_in(page, facilitator.email, PASSWORD)
    members_page(page, live_server, arena)

    bulk = page.locator("form[action$='/invite-many/']")
    bulk.get_by_label("Email addresses").fill("ok@example.org\nnot-an-address\nok@example.org")
    bulk.get_by_role("button", name="Invite 3 people").click()

    report = page.locator("#bulk-report")
    expect(report).to_contain_text("Invited 1 person.")
    expect(report.get_by_role("row")).to_have_count(3)  # the header and two rows left out
    expect(report).to_contain_text("Duplicate in this list")
    assert Invitation.objects.filter(email="ok@example.org").exists()
    assert_no_axe_violations(page)

    invite = page.locator("form[action$='/invite/']")
    invite.get_by_label("Email address").fill("late.reply@example.org")
    invite.get_by_role("button", name="Send the invitation").click()
    expect(page.get_by_role("alert").filter(has_text="Please correct the following:")).to_be_visible()
    assert_no_axe_violations(page)


def test_the_bulk_button_counts_the_people_it_will_invite(
    page, live_server, sign_in, busy_arena, browser_errors
):
    arena, facilitator = busy_arena
    sign_in(page, facilitator.email, PASSWORD)
    members_page(page, live_server, arena)
    addresses = page.get_by_label("Email addresses")
    button = page.locator("#bulk-submit")
    expect(button).to_have_text("Send the invitations")

    addresses.fill(
        "email,role,stakeholder_type\nann@example.org,observer,business\nbo@example.org; cy@example.org"
    )
    expect(button).to_have_text("Invite 3 people")
    addresses.fill("ann@example.org,bo@example.org,cy@example.org")
    expect(button).to_have_text("Invite 3 people")
    addresses.fill("ann@example.org")
    expect(button).to_have_text("Invite 1 person")
    addresses.fill("\n".join(f"p{n}@example.org" for n in range(501)))
    expect(button).to_have_text("More than 500: split the list")
    assert browser_errors == []


def test_a_csv_upload_invites_from_the_browser(page, live_server, sign_in, busy_arena, tmp_path):
    arena, facilitator = busy_arena
    sign_in(page, facilitator.email, PASSWORD)
    members_page(page, live_server, arena)
    csv = tmp_path / "people.csv"
    csv.write_text("email,role,stakeholder_type\nann@example.org,observer,business\nbo@example.org,,\n")

    page.get_by_label("Or upload a CSV file").set_input_files(str(csv))
    page.locator("#bulk-submit").click()

    expect(page.locator("#invitations")).to_contain_text("Invited 2 people.")
    invited = Invitation.objects.filter(arena=arena, email__in=["ann@example.org", "bo@example.org"])
    assert sorted(invited.values_list("email", "role")) == [
        ("ann@example.org", "observer"),
        ("bo@example.org", "participant"),
    ]


def test_copy_puts_the_whole_join_link_on_the_clipboard(
    page, live_server, sign_in, busy_arena, browser_errors
):
    arena, facilitator = busy_arena
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server.url)
    sign_in(page, facilitator.email, PASSWORD)
    members_page(page, live_server, arena)
    links = page.locator("#join-links")
    first_link = links.get_by_role("textbox").first
    expect(first_link).to_have_attribute("readonly", "")
    full_url = first_link.input_value()
    assert full_url.startswith(f"{live_server.url}/join/")

    links.get_by_role("button", name="Copy").first.click()

    expect(links.get_by_role("status").first).to_have_text("Copied")
    assert page.evaluate("navigator.clipboard.readText()") == full_url
    assert browser_errors == []


def test_a_join_link_is_made_from_the_form_and_can_be_revoked(page, live_server, sign_in, busy_arena):
    arena, facilitator = busy_arena
    sign_in(page, facilitator.email, PASSWORD)
    members_page(page, live_server, arena)
    form = page.locator("form[action$='/join-links/']")

    form.get_by_label("People who use the link join as").select_option("observer")
    form.get_by_label("Maximum number of people").fill("5")
    form.get_by_role("button", name="Create the link").click()

    section = page.locator("#join-links")
    expect(section).to_contain_text("The join link is ready")
    expect(section).to_contain_text("Used 0 of 5 times")
    count = section.get_by_role("button", name="Revoke").count()
    section.get_by_role("button", name="Revoke").first.click()
    expect(section).to_contain_text("The join link is withdrawn")
    expect(section.get_by_role("button", name="Revoke")).to_have_count(count - 1)


def test_the_members_only_page_for_others_has_no_axe_violations(page, live_server, busy_arena):
    arena, _facilitator = busy_arena

    response = page.goto(f"{live_server.url}/arenas/{arena.slug}/members/")

    assert response.status == 403
    expect(page.get_by_text("Only members of this arena see who takes part.")).to_be_visible()
    assert_no_axe_violations(page)
