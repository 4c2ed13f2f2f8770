"""A brand-new person comes in by invitation, in the browser: the facilitator invites them from the members
page, the email goes through the outbox to a file, and the person opens the link, signs up with that
address (the link proved it: no confirmation email) and lands in the arena. Plus axe on the invitation and join-link
pages."""

import email
import email.policy
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from arenas.models import Arena, Membership, Role
from platform_core.notifications import delivery
from platform_core.notifications.models import EmailDelivery
from tests.browser.axe import assert_no_axe_violations
from tests.factories import (
    PASSWORD,
    ArenaFactory,
    JoinLinkFactory,
    MembershipFactory,
    UserFactory,
    invitation_with_token,
)

pytestmark = pytest.mark.browser

SEPARATOR = b"\n" + b"-" * 79 + b"\n"


@pytest.fixture
def mail_dir(settings, tmp_path):
    """Emails land as files, as they do under ``make run``."""
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.filebased.EmailBackend",
            "OPTIONS": {"file_path": str(tmp_path)},
        }
    }
    return tmp_path


def emails_in(directory: Path) -> list[email.message.EmailMessage]:
    """Every message the file backend wrote, oldest first."""
    messages = []
    for path in sorted(directory.iterdir(), key=lambda p: p.stat().st_mtime_ns):
        for chunk in path.read_bytes().split(SEPARATOR):
            if chunk.strip():
                messages.append(email.message_from_bytes(chunk, policy=email.policy.default))
    return messages


def text_of(message) -> str:
    return message.get_body(preferencelist=("plain",)).get_content()


def deliver_outbox():
    """What the worker does: send every pending delivery."""
    for pk in EmailDelivery.objects.filter(status=EmailDelivery.Status.PENDING).values_list("pk", flat=True):
        delivery.delivery_send(delivery_id=pk)


@pytest.fixture
def arena(transactional_db):
    arena = ArenaFactory(
        title="Safer school routes", slug="safer-school-routes", visibility=Arena.Visibility.RESTRICTED
    )
    MembershipFactory(arena=arena, role=Role.CONVENER)
    return arena


@pytest.fixture
def facilitator(arena):
    person = UserFactory(email="frederik@example.org", display_name="Frederik Facilitator")
    MembershipFactory(arena=arena, user=person, role=Role.FACILITATOR)
    return person


def test_a_brand_new_person_is_invited_signs_up_with_that_address_and_lands_in_the_arena(
    terms_in_effect, browser, page, live_server, sign_in, mail_dir, arena, facilitator
):  # the terms first: the people made after them accepted them
    # The facilitator invites them from the members page.
    sign_in(page, facilitator.email, PASSWORD)
    page.goto(f"{live_server.url}/arenas/{arena.slug}/members/")
    invite = page.locator("#invitations form").first
    invite.get_by_label("Email address").fill("new.person@example.org")
    invite.get_by_label("Role").select_option("participant")
    invite.get_by_label("Takes part as").select_option("service_user")
    invite.get_by_label("Personal message").fill("We would love your view on the crossings.")
    invite.get_by_role("button", name="Send the invitation").click()
    expect(page.locator("#invitations")).to_contain_text("Invitation sent to new.person@example.org.")

    deliver_outbox()
    [invitation_email] = emails_in(mail_dir)
    assert invitation_email["To"] == "new.person@example.org"
    link = re.search(r"https?://[^/\s]+(/invitations/[^/\s]+/)", text_of(invitation_email)).group(1)

    # The new person, in a browser of their own.
    context = browser.new_context(locale="en-GB")
    person = context.new_page()
    person.goto(f"{live_server.url}{link}")
    expect(person.get_by_role("heading", level=1)).to_have_text("You are invited to “Safer school routes”")
    expect(person.get_by_text("We would love your view on the crossings.")).to_be_visible()

    person.get_by_role("link", name="Create an account").click()
    expect(person.get_by_label("Email", exact=True)).to_have_value("new.person@example.org")
    person.get_by_label("Your name").fill("Nina Newcomer")
    person.get_by_label("Password", exact=True).fill(PASSWORD)
    person.get_by_label("Password (again)").fill(PASSWORD)
    person.get_by_label("I accept the terms of use and the privacy notice.").check()
    person.locator("main").get_by_role("button", name="Sign Up").click()

    # The link proved the address: no second confirmation email, straight into the arena.
    expect(person).to_have_url(f"{live_server.url}{arena.get_absolute_url()}")
    expect(person.locator("main")).to_contain_text(
        "Welcome to “Safer school routes”. You take part as participant."
    )
    deliver_outbox()
    assert [m["To"] for m in emails_in(mail_dir)] == ["new.person@example.org"]  # the invitation only
    membership = Membership.objects.get(arena=arena, user__email="new.person@example.org")
    assert (membership.role, membership.stakeholder_type) == (Role.PARTICIPANT, "service_user")
    person.goto(f"{live_server.url}/arenas/{arena.slug}/members/")
    expect(person.locator("#members")).to_contain_text("Nina Newcomer")
    context.close()


def test_the_invitation_page_signed_out_and_signed_in_has_no_axe_violations(
    page, live_server, sign_in, arena
):
    invitation, token = invitation_with_token(
        arena=arena, email="guest@example.org", message="Come and help us.\nWe meet on Tuesdays."
    )
    page.goto(f"{live_server.url}/invitations/{token}/")
    expect(page.get_by_role("link", name="Create an account")).to_be_visible()
    assert_no_axe_violations(page)

    UserFactory(email="guest@example.org")
    sign_in(page, "guest@example.org", PASSWORD)
    page.goto(f"{live_server.url}/invitations/{token}/")
    expect(page.get_by_role("button", name="Accept and join as participant")).to_be_visible()
    assert_no_axe_violations(page)


def test_someone_signed_in_with_another_address_is_told_so_declines_and_axe_finds_nothing(
    page, live_server, sign_in, arena
):
    invitation, token = invitation_with_token(arena=arena, email="sofie@example.net", role=Role.FACILITATOR)
    UserFactory(email="outsider@example.org")
    sign_in(page, "outsider@example.org", PASSWORD)

    page.goto(f"{live_server.url}/invitations/{token}/")

    expect(page.get_by_role("heading", name="This invitation is for another address")).to_be_visible()
    expect(page.get_by_text("It was sent to s•••@example.net")).to_be_visible()
    expect(page.get_by_role("button", name="Accept and join as facilitator")).to_have_count(0)
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Decline the invitation").click()
    expect(page.get_by_text("You declined the invitation.")).to_be_visible()
    invitation.refresh_from_db()
    assert invitation.status == invitation.Status.DECLINED


def test_an_expired_invitation_page_has_no_axe_violations(page, live_server, arena):
    from datetime import timedelta

    from django.utils import timezone

    _invitation, token = invitation_with_token(arena=arena, expires_at=timezone.now() - timedelta(days=1))
    page.goto(f"{live_server.url}/invitations/{token}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("This invitation cannot be used")
    assert_no_axe_violations(page)


def test_the_join_link_page_has_no_axe_violations_and_joins(page, live_server, sign_in, arena):
    link = JoinLinkFactory(arena=arena, role=Role.OBSERVER)
    page.goto(f"{live_server.url}/join/{link.token}/")
    expect(page.get_by_role("link", name="Create an account")).to_be_visible()
    assert_no_axe_violations(page)

    person = UserFactory(email="joiner@example.org")
    sign_in(page, person.email, PASSWORD)
    page.goto(f"{live_server.url}/join/{link.token}/")
    assert_no_axe_violations(page)

    page.get_by_label("You take part as").select_option("business")
    page.get_by_role("button", name="Join the arena").click()
    expect(page).to_have_url(f"{live_server.url}{arena.get_absolute_url()}")
    assert Membership.objects.get(arena=arena, user=person).role == Role.OBSERVER
