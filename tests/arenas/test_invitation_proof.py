"""An invitation link proves the address it was emailed to: signing up through it with that address needs
no confirmation email and lands in the arena; another address confirms as usual; a tampered, expired or
revoked link proves nothing."""

import re
from datetime import timedelta

import pytest
import time_machine
from allauth.account.models import EmailAddress
from django.urls import reverse

from arenas.models import Arena, Invitation, Membership, Role
from arenas.services.invitations import invitation_revoke
from platform_core.accounts.adapter import RETURN_TO_SESSION_KEY
from platform_core.accounts.models import User
from tests.arenas.members_helpers import member, page_text
from tests.factories import PASSWORD, ArenaFactory, invitation_with_token

pytestmark = pytest.mark.django_db


@pytest.fixture
def arena():
    arena = ArenaFactory(title="Safer school routes", visibility=Arena.Visibility.RESTRICTED)
    member(arena, Role.FACILITATOR, display_name="Frederik Facilitator")
    return arena


@pytest.fixture
def invited(arena):
    facilitator = Membership.objects.get(arena=arena).user
    invitation, token = invitation_with_token(
        arena=arena,
        email="new.person@example.org",
        role=Role.PARTICIPANT,
        stakeholder_type="service_user",
        invited_by=facilitator,
    )
    return invitation, token, reverse("arenas:invitation", args=[token])


def sign_up(client, email, path):
    return client.post(
        f"{reverse('account_signup')}?next={path}",
        {
            "email": email,
            "password1": PASSWORD,
            "password2": PASSWORD,
            "display_name": "Nina Newcomer",
            "accept": "on",
            "next": path,
        },
        follow=True,
    )


def confirmation_mails(mailoutbox):
    return [m for m in mailoutbox if "/accounts/confirm-email/" in m.body]


def test_signing_up_with_the_invited_address_needs_no_confirmation_and_lands_in_the_arena(
    client, arena, invited, mailoutbox
):
    invitation, _token, path = invited
    client.get(path)

    response = sign_up(client, "New.Person@Example.org", path)

    person = User.objects.get(email__iexact="new.person@example.org")
    assert EmailAddress.objects.get(user=person).verified
    assert confirmation_mails(mailoutbox) == []
    assert client.session["_auth_user_id"] == str(person.pk)
    assert response.redirect_chain[-1][0] == arena.get_absolute_url()
    assert "Welcome to “Safer school routes”. You take part as participant." in page_text(response)
    membership = Membership.objects.get(arena=arena, user=person)
    assert (membership.role, membership.stakeholder_type) == (Role.PARTICIPANT, "service_user")
    invitation.refresh_from_db()
    assert invitation.status == Invitation.Status.ACCEPTED
    assert RETURN_TO_SESSION_KEY not in client.session


def test_signing_up_with_another_address_still_confirms_it_and_joins_nothing(
    client, arena, invited, mailoutbox
):
    _invitation, _token, path = invited
    client.get(path)

    response = sign_up(client, "nina@home.example", path)

    person = User.objects.get(email="nina@home.example")
    assert list(EmailAddress.objects.filter(user=person).values_list("email", "verified")) == [
        ("nina@home.example", False)
    ]
    [confirmation] = confirmation_mails(mailoutbox)
    assert confirmation.to == ["nina@home.example"]
    assert "Verify Your Email Address" in page_text(response)
    assert not Membership.objects.filter(arena=arena, user=person).exists()


def test_a_tampered_token_stashes_no_proof(client, arena, invited, mailoutbox):
    _invitation, token, _path = invited
    tampered = reverse("arenas:invitation", args=[token + "x"])
    assert client.get(tampered).status_code == 404

    sign_up(client, "new.person@example.org", tampered)

    person = User.objects.get(email="new.person@example.org")
    assert not EmailAddress.objects.get(user=person).verified
    assert len(confirmation_mails(mailoutbox)) == 1
    assert not Membership.objects.filter(arena=arena, user=person).exists()


def test_an_expired_link_proves_nothing(client, arena, invited, mailoutbox):
    invitation, _token, path = invited
    with time_machine.travel(invitation.expires_at + timedelta(minutes=1)):
        assert client.get(path).status_code == 410
        sign_up(client, "new.person@example.org", path)

    person = User.objects.get(email="new.person@example.org")
    assert not EmailAddress.objects.get(user=person).verified
    assert len(confirmation_mails(mailoutbox)) == 1


def test_a_link_opened_then_left_to_expire_proves_nothing_at_sign_up(client, arena, invited, mailoutbox):
    invitation, _token, path = invited
    client.get(path)
    assert client.session["invitation_proof"]

    with time_machine.travel(invitation.expires_at + timedelta(minutes=1)):
        sign_up(client, "new.person@example.org", path)

    person = User.objects.get(email="new.person@example.org")
    assert not EmailAddress.objects.get(user=person).verified
    assert len(confirmation_mails(mailoutbox)) == 1
    assert not Membership.objects.filter(arena=arena, user=person).exists()


def test_a_link_revoked_after_it_was_opened_proves_nothing(client, arena, invited, mailoutbox):
    invitation, _token, path = invited
    client.get(path)
    invitation_revoke(invitation=invitation, actor=Membership.objects.get(arena=arena).user)

    sign_up(client, "new.person@example.org", path)

    person = User.objects.get(email="new.person@example.org")
    assert not EmailAddress.objects.get(user=person).verified
    assert len(confirmation_mails(mailoutbox)) == 1


def test_another_address_confirmed_later_comes_back_to_the_invitation_and_may_not_accept(
    client, arena, invited, mailoutbox
):
    _invitation, _token, path = invited
    client.get(path)
    sign_up(client, "nina@home.example", path)
    confirm = re.search(r"https?://[^/\s]+(/accounts/confirm-email/\S+)", mailoutbox[-1].body).group(1)

    response = client.post(confirm, follow=True)

    assert response.redirect_chain[-1][0] == path
    response = client.post(path, {"action": "accept"})
    assert response.status_code == 403
    assert not Membership.objects.filter(arena=arena, user__email="nina@home.example").exists()
