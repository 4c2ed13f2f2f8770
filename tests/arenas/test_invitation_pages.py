"""The invitation page (/invitations/<token>/) and the join-link page (/join/<token>/) through the client:
accepting, declining, and every way a link can stop working, each with a page that says so."""

from datetime import timedelta

import pytest
import time_machine
from allauth.account.models import EmailAddress
from django.urls import reverse
from django.utils import timezone

from arenas.models import Arena, Invitation, JoinLink, Membership, Role
from platform_core.accounts.adapter import RETURN_TO_SESSION_KEY
from platform_core.audit.models import AuditEntry
from tests.arenas.members_helpers import deliver_emails, invitation_path, member, page_text
from tests.factories import ArenaFactory, JoinLinkFactory, UserFactory, invitation_with_token

pytestmark = pytest.mark.django_db


@pytest.fixture
def arena():
    arena = ArenaFactory(title="Safer school routes", visibility=Arena.Visibility.RESTRICTED)
    member(arena, Role.FACILITATOR, display_name="Frederik Facilitator")
    return arena


@pytest.fixture
def invited(arena):
    """A pending invitation (as facilitator, stakeholder type expert) and the path of its link."""
    facilitator = Membership.objects.get(arena=arena).user
    invitation, token = invitation_with_token(
        arena=arena,
        email="new.person@example.org",
        role=Role.FACILITATOR,
        stakeholder_type="expert",
        message="Your research on school travel would help us.",
        invited_by=facilitator,
    )
    return invitation, reverse("arenas:invitation", args=[token])


def test_signed_out_the_page_shows_the_invitation_and_the_ways_to_accept(client, invited):
    invitation, path = invited

    response = client.get(path)

    assert response.status_code == 200
    text = page_text(response)
    assert "You are invited to “Safer school routes”" in text
    assert "You are invited as facilitator." in text
    assert "Your research on school travel would help us." in text
    assert "— Frederik Facilitator" in text
    assert (
        f'href="/accounts/signup/?next={path}&amp;email=new.person%40example.org">Create an account' in text
    )
    assert f'href="/accounts/login/?next={path}">Sign in' in text
    assert client.session[RETURN_TO_SESSION_KEY] == path


def test_a_signed_in_person_accepts_and_lands_in_the_arena_with_the_invited_role(client, arena, invited):
    invitation, path = invited
    person = UserFactory(email="new.person@example.org")
    client.force_login(person)
    assert "Accept and join as facilitator" in page_text(client.get(path))

    response = client.post(path, {"action": "accept"}, follow=True)

    assert response.redirect_chain[-1][0] == arena.get_absolute_url()
    membership = Membership.objects.get(arena=arena, user=person)
    assert (membership.role, membership.stakeholder_type) == ("facilitator", "expert")
    invitation.refresh_from_db()
    assert (invitation.status, invitation.accepted_by) == (Invitation.Status.ACCEPTED, person)
    assert "Welcome to “Safer school routes”. You take part as facilitator." in page_text(response)


def test_declining_signed_in_or_out_answers_the_invitation_and_makes_no_member(client, arena, invited):
    invitation, path = invited

    response = client.post(path, {"action": "decline"}, follow=True)

    assert response.redirect_chain[-1][0] == "/"
    assert "You declined the invitation." in page_text(response)
    invitation.refresh_from_db()
    assert invitation.status == Invitation.Status.DECLINED
    assert Membership.objects.filter(arena=arena).count() == 1
    # The link now says what became of it.
    again = client.get(path)
    assert again.status_code == 410
    assert "This invitation to “Safer school routes” was declined." in page_text(again)


def test_after_14_days_the_invitation_has_expired(client, invited):
    invitation, path = invited
    client.force_login(UserFactory())

    with time_machine.travel(timezone.now() + timedelta(days=15)):
        response = client.get(path)
        accept = client.post(path, {"action": "accept"})

    assert response.status_code == 410
    assert "Your invitation to “Safer school routes” has expired." in page_text(response)
    assert "ask the person who invited you to send it again" in page_text(response)
    assert accept.status_code == 410
    invitation.refresh_from_db()
    assert invitation.status == Invitation.Status.EXPIRED
    assert Membership.objects.filter(arena=invitation.arena).count() == 1


def test_a_revoked_invitation_says_it_was_withdrawn(client, invited):
    invitation, path = invited
    Invitation.objects.filter(pk=invitation.pk).update(status=Invitation.Status.REVOKED)

    response = client.get(path)

    assert response.status_code == 410
    assert "The invitation to “Safer school routes” was withdrawn by its facilitators." in page_text(response)


def test_a_used_invitation_says_so_and_cannot_be_used_again(client, arena, invited):
    invitation, path = invited
    client.force_login(UserFactory(email=invitation.email))
    client.post(path, {"action": "accept"})
    client.force_login(UserFactory())

    response = client.post(path, {"action": "accept"})

    assert response.status_code == 410
    assert "This invitation to “Safer school routes” has already been used." in page_text(response)
    assert Membership.objects.filter(arena=arena).count() == 2


def test_an_unknown_link_gets_a_page_that_explains(client):
    response = client.get(reverse("arenas:invitation", args=["no-such-token"]))

    assert response.status_code == 404
    text = page_text(response)
    assert "This invitation cannot be used" in text
    assert "We do not know this invitation link." in text


def test_a_banned_person_cannot_accept(client, arena, invited):
    invitation, path = invited
    banned = member(arena)
    Membership.objects.filter(pk=banned.pk).update(banned=True, ban_reason="spam")
    client.force_login(banned.user)

    page = client.get(path)
    response = client.post(path, {"action": "accept"})

    for answer in (page, response):
        assert answer.status_code == 403
        assert "You were banned from “Safer school routes”, so you cannot join it." in page_text(answer)
    banned.refresh_from_db()
    assert (banned.banned, banned.role) == (True, Role.PARTICIPANT)
    invitation.refresh_from_db()
    assert invitation.status == Invitation.Status.PENDING


def test_accepting_an_invitation_to_a_draft_arena_waits_on_the_home_page(client):
    draft = ArenaFactory(status=Arena.Status.DRAFT, title="Not yet open")
    invitation, token = invitation_with_token(arena=draft)
    person = UserFactory(email=invitation.email)
    client.force_login(person)

    response = client.post(reverse("arenas:invitation", args=[token]), {"action": "accept"}, follow=True)

    assert response.redirect_chain[-1][0] == "/"
    assert "The arena opens soon" in page_text(response)
    assert Membership.objects.filter(arena=draft, user=person).exists()


def test_the_invitation_email_links_to_a_page_that_works(client, arena, mailoutbox):
    from arenas.services.invitations import invitation_create

    facilitator = Membership.objects.get(arena=arena).user
    invitation_create(arena=arena, actor=facilitator, email="someone@example.org")

    [email] = deliver_emails(mailoutbox)
    response = client.get(invitation_path(email))

    assert response.status_code == 200
    assert "You are invited to “Safer school routes”" in page_text(response)


# --- join links -------------------------------------------------------------------------------------------


def test_a_signed_in_person_joins_through_a_link_as_who_they_are(client, arena):
    link = JoinLinkFactory(arena=arena, role=Role.OBSERVER)
    person = UserFactory()
    client.force_login(person)
    path = reverse("arenas:join-link", args=[link.token])
    assert "You will join as observer." in page_text(client.get(path))

    response = client.post(path, {"stakeholder_type": "business"}, follow=True)

    assert response.redirect_chain[-1][0] == arena.get_absolute_url()
    membership = Membership.objects.get(arena=arena, user=person)
    assert (membership.role, membership.stakeholder_type) == ("observer", "business")
    link.refresh_from_db()
    assert link.uses == 1
    assert "You are already a member of this arena, as observer." in page_text(client.get(path))


def test_join_links_that_no_longer_work_say_so(client, arena):
    used_up = JoinLinkFactory(arena=arena, max_uses=1, uses=1)
    expired = JoinLinkFactory(arena=arena, expires_at=timezone.now() - timedelta(minutes=1))
    revoked = JoinLinkFactory(arena=arena, revoked_at=timezone.now())
    client.force_login(UserFactory())

    for link in (used_up, expired, revoked):
        response = client.post(reverse("arenas:join-link", args=[link.token]))
        assert response.status_code == 410
        assert "has expired, reached its limit or was withdrawn" in page_text(response)
    unknown = client.get(reverse("arenas:join-link", args=["nope"]))
    assert unknown.status_code == 404
    assert "We do not know this join link." in page_text(unknown)
    assert not Membership.objects.filter(arena=arena, role=Role.PARTICIPANT).exists()
    assert JoinLink.objects.filter(uses__gt=1).count() == 0


def test_a_banned_person_cannot_join_through_a_link(client, arena):
    link = JoinLinkFactory(arena=arena)
    banned = member(arena)
    Membership.objects.filter(pk=banned.pk).update(banned=True)
    client.force_login(banned.user)

    response = client.post(reverse("arenas:join-link", args=[link.token]))

    assert response.status_code == 403
    assert "You were banned from “Safer school routes”" in page_text(response)
    assert Membership.objects.get(pk=banned.pk).banned


def test_an_invitation_for_another_address_cannot_be_accepted_and_says_so_masked(client, arena, invited):
    """A forwarded link: the signed-in person is told it was sent to another address (masked), may sign
    out, add that address or decline; accepting is refused, recorded, and gives them nothing."""
    invitation, path = invited
    someone_else = UserFactory(email="outsider@example.net")
    client.force_login(someone_else)

    page = client.get(path)
    refused = client.post(path, {"action": "accept"})

    text = page_text(page)
    local, domain = invitation.email.split("@")
    assert f"{local[0]}•••@{domain}" in text and invitation.email not in text
    assert "Sign out, then sign in with that address" in text and "Add that address to your account" in text
    assert "Accept and join" not in text
    assert refused.status_code == 403
    assert not Membership.objects.filter(arena=arena, user=someone_else).exists()
    assert Invitation.objects.get(pk=invitation.pk).status == Invitation.Status.PENDING
    entry = AuditEntry.objects.get(action="invitation.refused")
    assert (entry.actor, entry.details) == (someone_else, {"reason": "another address"})


def test_the_invited_address_added_and_confirmed_accepts(client, arena, invited):
    invitation, path = invited
    person = UserFactory(email="work@example.net")
    EmailAddress.objects.create(user=person, email=invitation.email.upper(), verified=True)
    client.force_login(person)

    response = client.post(path, {"action": "accept"})

    assert response.status_code == 302
    assert Membership.objects.filter(arena=arena, user=person).exists()


def test_an_unconfirmed_second_address_is_not_enough(client, arena, invited):
    invitation, path = invited
    person = UserFactory(email="work2@example.net")
    EmailAddress.objects.create(user=person, email=invitation.email, verified=False)
    client.force_login(person)

    assert client.post(path, {"action": "accept"}).status_code == 403
    assert not Membership.objects.filter(arena=arena, user=person).exists()
