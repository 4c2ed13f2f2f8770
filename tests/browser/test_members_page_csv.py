"""Inviting many in the browser, as a facilitator with a spreadsheet at hand: the accepted values open
without an accessibility problem, the template downloads, a list pasted from a spreadsheet or a mail program
is counted as the server counts it, and the template filled in by a Danish Excel invites everyone."""

import codecs

import pytest
from playwright.sync_api import expect

from arenas.models import Invitation, Role
from tests.browser.test_members_page import assert_no_axe_violations, members_page
from tests.factories import PASSWORD, ArenaFactory, MembershipFactory, UserFactory

pytestmark = pytest.mark.browser


@pytest.fixture
def browser_errors(page):
    """Console errors (a Content-Security-Policy refusal shows up here) and uncaught exceptions."""
    errors = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.on("pageerror", lambda error: errors.append(str(error)))
    return errors


@pytest.fixture
def arena_and_facilitator(transactional_db):
    arena = ArenaFactory(title="Safer school routes", slug="safer-school-routes")
    facilitator = UserFactory(email="frederik@example.org", display_name="Frederik Facilitator")
    MembershipFactory(arena=arena, user=facilitator, role=Role.FACILITATOR)
    return arena, facilitator


def test_the_accepted_values_open_and_the_template_downloads(
    page,
    live_server,
    sign_in,
    arena_and_facilitator,
    browser_errors,
):
    arena, facilitator = arena_and_facilitator
    sign_in(page, facilitator.email, PASSWORD)
    members_page(page, live_server, arena)

    page.get_by_text("Roles and stakeholder types the list accepts").click()
    roles = page.locator("#accepted-roles")
    expect(roles).to_be_visible()
    expect(roles.locator("tbody tr")).to_have_count(2)  # a facilitator invites participants and observers
    expect(roles).to_contain_text("Observatør")
    expect(page.locator("#accepted-stakeholder-types tbody tr")).to_have_count(8)
    assert_no_axe_violations(page)

    with page.expect_download() as download:
        page.get_by_role("link", name="Download a template CSV").click()
    path = download.value.path()
    assert download.value.suggested_filename == "invitations.csv"
    with open(path, "rb") as template:
        assert template.read().startswith(codecs.BOM_UTF8 + b"email,role,stakeholder_type\r\n")
    assert browser_errors == []


def test_a_list_pasted_from_a_spreadsheet_or_a_mail_program_is_counted_and_invited(
    page,
    live_server,
    sign_in,
    arena_and_facilitator,
    browser_errors,
):
    arena, facilitator = arena_and_facilitator
    sign_in(page, facilitator.email, PASSWORD)
    members_page(page, live_server, arena)
    button = page.locator("#bulk-submit")

    page.get_by_label("Email addresses").fill(
        "E-mail\tRolle\tDeltager som\n"
        "ann@example.org\tObservatør\tVirksomhed\n"
        'Bo Berg <bo@example.org>; "Holm, Cy" <cy@example.org>\n'
    )
    expect(button).to_have_text("Invite 3 people")
    button.click()

    expect(page.locator("#invitations")).to_contain_text("Invited 3 people.")
    assert sorted(Invitation.objects.values_list("email", "role", "stakeholder_type")) == [
        ("ann@example.org", "observer", "business"),
        ("bo@example.org", "participant", "resident"),
        ("cy@example.org", "participant", "resident"),
    ]
    assert browser_errors == []


def test_a_template_filled_in_and_saved_by_danish_excel_invites_everyone(
    page, live_server, sign_in, arena_and_facilitator, tmp_path
):
    arena, facilitator = arena_and_facilitator
    sign_in(page, facilitator.email, PASSWORD)
    members_page(page, live_server, arena)
    saved = tmp_path / "invitationer.csv"
    saved.write_bytes(
        "email;role;stakeholder_type\r\n"
        "soren@ærø.dk;Observatør;Ekspert eller forsker\r\n"
        "Åse Ærø <aase@example.org>;Deltager;Offentligt ansat\r\n".encode("cp1252")
    )

    page.get_by_label("Or upload a CSV file").set_input_files(str(saved))
    page.locator("#bulk-submit").click()

    expect(page.locator("#invitations")).to_contain_text("Invited 2 people.")
    expect(page.locator("#pending-invitations")).to_contain_text("(2)")
    expect(page.locator("#invitations")).to_contain_text("soren@ærø.dk")  # the letters are read right
    assert sorted(Invitation.objects.values_list("email", "role", "stakeholder_type")) == [
        ("aase@example.org", "participant", "public_employee"),
        ("soren@ærø.dk", "observer", "expert"),
    ]
