"""The members page with 100 pending invitations, in the browser: short (25 a page), searchable, and the
selected invitations withdrawn in one go — without JavaScript doing any of it; axe finds nothing."""

import pytest
from playwright.sync_api import expect

from arenas.models import Arena, Invitation, Role
from tests.browser.test_members_page import assert_no_axe_violations, browser_errors  # noqa: F401
from tests.factories import PASSWORD, ArenaFactory, InvitationFactory, MembershipFactory, UserFactory

pytestmark = pytest.mark.browser


@pytest.fixture
def crowded(transactional_db):
    arena = ArenaFactory(title="Safer school routes", slug="safer", visibility=Arena.Visibility.RESTRICTED)
    facilitator = UserFactory(email="frederik@example.org", display_name="Frederik Facilitator")
    MembershipFactory(arena=arena, user=facilitator, role=Role.FACILITATOR)
    for index in range(30):
        MembershipFactory(arena=arena, user__display_name=f"Resident {index:02d}")
    for index in range(100):
        InvitationFactory(arena=arena, email=f"parent{index:03d}@example.org", invited_by=facilitator)
    return arena, facilitator


def test_100_pending_invitations_make_a_short_page_that_searches_and_withdraws_a_selection(
    page,
    live_server,
    sign_in,
    crowded,
    browser_errors,  # noqa: F811
):
    arena, facilitator = crowded
    page.set_viewport_size({"width": 1280, "height": 900})
    sign_in(page, facilitator.email, PASSWORD)
    page.goto(f"{live_server.url}/arenas/{arena.slug}/members/")

    pending = page.locator("#invitations-bulk tbody tr")
    expect(pending).to_have_count(25)
    expect(page.locator("#pending-invitations")).to_have_text("Pending invitations (100)")
    height = page.evaluate("document.documentElement.scrollHeight")
    print(f"members page height with 100 pending invitations: {height}px")
    assert height < 6000, height  # it was 8,700 px with 100 invitations on one page
    assert_no_axe_violations(page)

    page.get_by_role("navigation", name="Pages of pending invitations").get_by_role(
        "link", name="Next"
    ).click()
    expect(page.locator("#invitations-bulk tbody tr").first).to_contain_text("@example.org")
    expect(page.get_by_role("navigation", name="Pages of pending invitations")).to_contain_text("Page 2 of 4")

    page.get_by_role("searchbox", name="Search members and invitations").fill("parent00")
    page.get_by_role("button", name="Search", exact=True).click()
    expect(pending).to_have_count(10)
    expect(page.locator("#members")).to_contain_text("No member matches")
    assert_no_axe_violations(page)

    page.get_by_role("checkbox", name="Select the invitation to parent001@example.org").check()
    page.get_by_role("checkbox", name="Select the invitation to parent002@example.org").check()
    page.get_by_label("Action", exact=True).select_option("revoke")
    page.get_by_role("button", name="Apply to the selected invitations").click()

    expect(page.locator("#invitations")).to_contain_text(
        "Withdrew 2 invitations; their links no longer work."
    )
    expect(page.locator("#pending-invitations")).to_have_text("Pending invitations (98)")
    revoked = Invitation.objects.filter(arena=arena, status=Invitation.Status.REVOKED)
    assert sorted(revoked.values_list("email", flat=True)) == [
        "parent001@example.org",
        "parent002@example.org",
    ]
    assert_no_axe_violations(page)
    assert browser_errors == []


def test_a_single_resend_still_works_from_inside_the_selection_form(page, live_server, sign_in, crowded):
    arena, facilitator = crowded
    sign_in(page, facilitator.email, PASSWORD)
    page.goto(f"{live_server.url}/arenas/{arena.slug}/members/?q=parent099")

    page.get_by_role("button", name="Resend the invitation to parent099@example.org").click()

    expect(page.locator("#invitations")).to_contain_text("Invitation sent again to parent099@example.org.")
    assert Invitation.objects.get(email="parent099@example.org").sent_count == 2
