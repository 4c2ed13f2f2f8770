"""The members page through the client: inviting one or many, the hourly limit, resend and revoke, and
join links, as facilitators and conveners do them. Join requests: test_members_page_join_requests.py."""

import io
import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from arenas.models import Arena, Invitation, JoinLink, Role
from tests.arenas.members_helpers import deliver_emails, member, page_text, url
from tests.factories import ArenaFactory, InvitationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def arena():
    return ArenaFactory(title="Safer school routes", slug="safer-school-routes")


@pytest.fixture
def convener(arena):
    return member(arena, Role.CONVENER, display_name="Clara Convener").user


@pytest.fixture
def facilitator(arena, convener):
    return member(arena, Role.FACILITATOR, display_name="Frederik Facilitator").user


@pytest.fixture
def participant(arena, facilitator):
    return member(arena, display_name="Cecilie Citizen", email="cecilie@example.org")


# --- inviting ---------------------------------------------------------------------------------------------


def invite(client, arena, **fields):
    data = {"invite-email": "", "invite-role": "participant", "invite-stakeholder_type": "resident"}
    data.update({f"invite-{key}": value for key, value in fields.items()})
    return client.post(url(arena, "member-invite"), data)


def test_a_facilitator_invites_one_participant_and_the_email_arrives(
    client, arena, facilitator, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(facilitator)

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = invite(
            client,
            arena,
            email="New.Person@example.org",
            stakeholder_type="service_user",
            message="We would love your view on the crossings.",
        )

    assert response.status_code == 302
    assert response.url == url(arena) + "#invitations"
    assert len(callbacks) == 1  # the delivery is queued after commit
    invitation = Invitation.objects.get(arena=arena)
    assert (invitation.email, invitation.role, invitation.stakeholder_type) == (
        "new.person@example.org",
        "participant",
        "service_user",
    )
    page = client.get(response.url)
    text = page_text(page)
    assert "Invitation sent to new.person@example.org." in text
    assert "Pending invitation (1)" in text
    [email] = deliver_emails(mailoutbox)
    assert email.to == ["new.person@example.org"]
    assert "Safer school routes" in email.subject + email.body
    assert "We would love your view on the crossings." in email.body
    assert re.search(r"/invitations/[^/\s]+/", email.body)


def test_a_facilitator_is_offered_and_may_only_invite_participants_and_observers(client, arena, facilitator):
    client.force_login(facilitator)
    form = client.get(url(arena)).context["invite_form"]
    assert [value for value, _label in form.fields["role"].choices] == ["participant", "observer"]

    response = invite(client, arena, email="boss@example.org", role="convener")

    assert response.status_code == 200
    assert response.context["invite_form"].errors["role"] == ["You may not invite people with this role."]
    text = page_text(response)
    assert "Please correct the following:" in text
    assert 'id="id_invite-role_error"' in text
    assert not Invitation.objects.exists()


def test_a_convener_may_invite_a_facilitator(client, arena, convener):
    client.force_login(convener)

    response = invite(client, arena, email="helper@example.org", role="facilitator")

    assert response.status_code == 302
    assert Invitation.objects.get().role == Role.FACILITATOR


def test_what_the_service_refuses_is_shown_next_to_the_field(client, arena, facilitator, participant):
    client.force_login(facilitator)

    response = invite(client, arena, email="cecilie@example.org")

    assert response.status_code == 200
    assert response.context["invite_form"].errors["email"] == ["already a member"]
    assert 'value="cecilie@example.org"' in page_text(response)
    assert not Invitation.objects.exists()


CSV = """email,role,stakeholder_type
good.one@example.org,participant,resident
not-an-address,participant,resident
good.two@example.org,observer,business
who@example.org,mayor,resident
boss@example.org,convener,resident
good.one@example.org,participant,resident
cecilie@example.org,participant,resident
"""


def test_a_csv_with_bad_rows_invites_the_good_ones_and_says_why_each_other_was_left_out(
    client, arena, facilitator, participant
):
    client.force_login(facilitator)
    upload = io.BytesIO(CSV.encode())
    upload.name = "people.csv"

    response = client.post(
        url(arena, "member-invite-many"), {"bulk-csv_file": upload, "bulk-message": "Join us!"}
    )

    assert response.status_code == 200
    assert sorted(Invitation.objects.values_list("email", "role", "stakeholder_type")) == [
        ("good.one@example.org", "participant", "resident"),
        ("good.two@example.org", "observer", "business"),
    ]
    assert set(Invitation.objects.values_list("message", flat=True)) == {"Join us!"}
    text = page_text(response)
    report = text[text.index('id="bulk-report"') :]
    assert "Invited 2 people." in report
    assert "5 rows were left out:" in report
    rows = re.findall(r"<tr><td>(\d+)</td><td>([^<]*)</td><td>([^<]*)</td></tr>", report)
    assert rows == [
        ("2", "not-an-address", "Not a valid email address"),
        (
            "4",
            "who@example.org",
            "Unknown role “mayor”; write one of: participant (Participant), observer (Observer)",
        ),
        ("5", "boss@example.org", "You may not invite people as Convener"),
        ("6", "good.one@example.org", "Duplicate in this list"),
        ("7", "cecilie@example.org", "Already a member"),
    ]


def test_pasted_addresses_are_all_invited_and_a_pasted_header_is_not_an_address(client, arena, facilitator):
    client.force_login(facilitator)
    page = page_text(client.get(url(arena)))
    assert "Send the invitations" in page  # without JavaScript the button cannot count

    response = client.post(
        url(arena, "member-invite-many"),
        {"bulk-addresses": "email,role,stakeholder_type\nann@example.org, bo@example.org\ncy@example.org"},
    )

    assert response.status_code == 302
    assert Invitation.objects.count() == 3
    assert "Invited 3 people." in page_text(client.get(response.url))


def test_three_addresses_on_one_line_are_three_people(client, arena, facilitator):
    client.force_login(facilitator)

    response = client.post(
        url(arena, "member-invite-many"),
        {"bulk-addresses": "ann@example.org,bo@example.org,cy@example.org\ndee@example.org,observer,expert"},
    )

    assert response.status_code == 302
    assert sorted(Invitation.objects.values_list("email", "role", "stakeholder_type")) == [
        ("ann@example.org", "participant", "resident"),
        ("bo@example.org", "participant", "resident"),
        ("cy@example.org", "participant", "resident"),
        ("dee@example.org", "observer", "expert"),
    ]


def test_more_than_500_rows_is_refused_with_a_clear_error(client, arena, facilitator):
    client.force_login(facilitator)
    addresses = "\n".join(f"person{n}@example.org" for n in range(501))

    response = client.post(url(arena, "member-invite-many"), {"bulk-addresses": addresses})

    assert response.status_code == 200
    assert response.context["bulk_form"].errors["addresses"] == [
        "At most 500 invitations at a time; this list has 501."
    ]
    assert "At most 500 invitations at a time; this list has 501." in page_text(response)
    assert not Invitation.objects.exists()


def test_an_empty_bulk_form_asks_for_addresses(client, arena, facilitator):
    client.force_login(facilitator)

    response = client.post(url(arena, "member-invite-many"), {"bulk-addresses": "  "})

    assert response.status_code == 200
    assert response.context["bulk_form"].errors["addresses"] == [
        "Paste at least one email address, or upload a CSV file."
    ]


def test_the_hourly_limit_answers_429_with_the_message_and_writes_nothing(
    client, arena, facilitator, settings
):
    settings.RATE_LIMITS = {"invitations": "2/hour"}
    client.force_login(facilitator)
    assert invite(client, arena, email="first@example.org").status_code == 302
    assert invite(client, arena, email="second@example.org").status_code == 302

    response = invite(client, arena, email="one.more@example.org")

    assert response.status_code == 429
    assert 3590 < int(response["Retry-After"]) <= 3600
    text = page_text(response)
    assert "Too many invitations for now" in text
    assert "at most 2 invitations an hour" in text
    assert not Invitation.objects.filter(email="one.more@example.org").exists()

    bulk = client.post(url(arena, "member-invite-many"), {"bulk-addresses": "a@example.org b@example.org"})
    assert bulk.status_code == 429
    assert Invitation.objects.count() == 2


def test_resend_sends_a_fresh_email_and_revoke_withdraws_the_invitation(
    client, arena, facilitator, mailoutbox
):
    invitation = InvitationFactory(arena=arena, email="late@example.org", invited_by=facilitator)
    client.force_login(facilitator)

    response = client.post(url(arena, "member-invitation-resend", invitation.pk))

    assert response.status_code == 302
    invitation.refresh_from_db()
    assert invitation.sent_count == 2
    assert "Invitation sent again to late@example.org." in page_text(client.get(url(arena)))
    assert [m.to for m in deliver_emails(mailoutbox)] == [["late@example.org"]]

    response = client.post(url(arena, "member-invitation-revoke", invitation.pk))

    assert response.status_code == 302
    invitation.refresh_from_db()
    assert invitation.status == Invitation.Status.REVOKED
    text = page_text(client.get(url(arena)))
    assert "its link no longer works" in text
    assert "No invitations are waiting for an answer." in text


def test_revoking_an_answered_invitation_says_why_not(client, arena, facilitator):
    invitation = InvitationFactory(arena=arena, status=Invitation.Status.ACCEPTED)
    client.force_login(facilitator)

    response = client.post(url(arena, "member-invitation-revoke", invitation.pk))

    assert response.status_code == 200
    assert "Only a pending invitation can be revoked." in page_text(response)


def test_another_arenas_invitation_is_404(client, arena, facilitator):
    elsewhere = InvitationFactory()
    client.force_login(facilitator)

    assert client.post(url(arena, "member-invitation-revoke", elsewhere.pk)).status_code == 404
    elsewhere.refresh_from_db()
    assert elsewhere.status == Invitation.Status.PENDING


def test_a_closed_arena_offers_no_invitations_and_refuses_them(client, arena, facilitator):
    Arena.objects.filter(pk=arena.pk).update(status=Arena.Status.CLOSED)
    client.force_login(facilitator)

    page = client.get(url(arena))

    assert page.status_code == 200
    assert 'id="invitations"' not in page_text(page)
    assert invite(client, arena, email="late@example.org").status_code == 403


# --- join links -------------------------------------------------------------------------------------------


def test_a_join_link_is_created_shown_in_full_and_revoked(client, arena, facilitator):
    client.force_login(facilitator)
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()

    response = client.post(
        url(arena, "member-join-link-create"),
        {"link-role": "observer", "link-expires_on": tomorrow, "link-max_uses": "25"},
    )

    assert response.status_code == 302
    assert response.url.endswith("#join-links")
    link = JoinLink.objects.get(arena=arena)
    assert (link.role, link.max_uses) == ("observer", 25)
    assert timezone.localtime(link.expires_at).date().isoformat() == tomorrow
    text = page_text(client.get(url(arena)))
    assert f'value="http://testserver/join/{link.token}/" readonly' in text
    assert "Used 0 of 25 times" in text
    assert "The join link is ready" in text

    response = client.post(url(arena, "member-join-link-revoke", link.pk))

    assert response.status_code == 302
    link.refresh_from_db()
    assert link.revoked_at is not None
    assert link.token not in page_text(client.get(url(arena)))
    assert client.get(reverse("arenas:join-link", args=[link.token])).status_code == 410


def test_a_join_link_with_a_past_date_or_no_uses_is_refused(client, arena, facilitator):
    client.force_login(facilitator)
    yesterday = (timezone.localdate() - timedelta(days=1)).isoformat()

    response = client.post(
        url(arena, "member-join-link-create"),
        {"link-role": "participant", "link-expires_on": yesterday, "link-max_uses": "0"},
    )

    assert response.status_code == 200
    errors = response.context["link_form"].errors
    assert errors["expires_on"] == ["Pick today or a later day."]
    assert "max_uses" in errors
    assert not JoinLink.objects.exists()


def test_a_join_link_cannot_make_facilitators(client, arena, convener):
    client.force_login(convener)

    response = client.post(url(arena, "member-join-link-create"), {"link-role": "facilitator"})

    assert response.status_code == 200
    assert "role" in response.context["link_form"].errors
    assert not JoinLink.objects.exists()
