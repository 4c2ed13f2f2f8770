import io
from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from arenas.models import Invitation, Membership, Role
from arenas.services import RateLimited
from arenas.services.invitation_rows import InvitationRow, parse_invitation_rows
from arenas.services.invitations import (
    InvitationNotUsable,
    invitation_accept,
    invitation_by_token,
    invitation_create,
    invitation_decline,
    invitation_resend,
    invitation_revoke,
    invitations_create,
)
from platform_core.notifications import delivery
from platform_core.notifications.models import EmailDelivery, Notification
from platform_core.ratelimits import rates_for
from tests.factories import ArenaFactory, InvitationFactory, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def arena():
    return ArenaFactory(visibility="restricted", title="Loneliness among seniors")


@pytest.fixture
def facilitator(arena):
    return MembershipFactory(arena=arena, role=Role.FACILITATOR).user


@pytest.fixture
def convener(arena):
    return MembershipFactory(arena=arena, role=Role.CONVENER).user


def sent_emails(mailoutbox):
    for pending in EmailDelivery.objects.filter(status="pending"):
        delivery.delivery_send(delivery_id=pending.pk)
    return mailoutbox


def link_in(message):
    import re

    return re.search(r"(/invitations/[^/\s]+/)", message.body).group(1)


def test_an_invitation_email_with_a_working_link_goes_through_the_outbox(arena, facilitator, mailoutbox):
    invitation = invitation_create(
        arena=arena, actor=facilitator, email="New.Person@Example.org", message="We would love your view."
    )

    [message] = sent_emails(mailoutbox)
    assert invitation.email == "new.person@example.org"
    assert message.to == ["new.person@example.org"]
    assert "Loneliness among seniors" in message.subject
    assert "We would love your view." in message.body
    token = link_in(message).split("/")[2]
    assert invitation_by_token(token) == invitation
    assert token not in Invitation.objects.values_list("token_hash", flat=True)  # only the hash is stored


def test_an_existing_account_is_also_told_in_app_but_emailed_once(arena, facilitator, mailoutbox):
    person = UserFactory(email="known@example.org")

    invitation_create(arena=arena, actor=facilitator, email="known@example.org")

    assert Notification.objects.get(recipient=person, event="arenas.invitation_received").email_mode == "off"
    assert len(sent_emails(mailoutbox)) == 1


def test_facilitators_invite_participants_and_observers_only(arena, facilitator, convener):
    with pytest.raises(ValidationError) as error:
        invitation_create(arena=arena, actor=facilitator, email="x@example.org", role="convener")
    assert "role" in error.value.message_dict
    assert (
        invitation_create(arena=arena, actor=convener, email="x@example.org", role="convener").role
        == "convener"
    )


def test_participants_cannot_invite(arena):
    participant = MembershipFactory(arena=arena).user

    with pytest.raises(PermissionDenied):
        invitation_create(arena=arena, actor=participant, email="x@example.org")


def test_a_pasted_list_is_split_on_lines_commas_and_semicolons():
    rows, _ = parse_invitation_rows("a@example.org, b@example.org; c@example.org\n\n d@example.org ")

    assert [r.email for r in rows] == ["a@example.org", "b@example.org", "c@example.org", "d@example.org"]


def test_a_csv_with_bad_rows_invites_the_good_ones_and_lists_the_rest_with_reasons(arena, facilitator):
    member = MembershipFactory(arena=arena, user__email="member@example.org").user
    csv_file = io.BytesIO(
        b"email,role,stakeholder_type\n"
        b"good@example.org,participant,resident\n"
        b"not-an-email,participant,resident\n"
        b"odd@example.org,overlord,resident\n"
        b"boss@example.org,convener,resident\n"
        b"good@example.org,observer,resident\n"
        b"member@example.org,participant,resident\n"
        b"kind@example.org,observer,alien\n"
        b"expert@example.org,observer,expert\n"
    )
    rows, _ = parse_invitation_rows(csv_file=csv_file)

    report = invitations_create(arena=arena, actor=facilitator, rows=rows)

    assert [i.email for i in report.invited] == ["good@example.org", "expert@example.org"]
    assert [(r["line"], r["email"], r["reason"]) for r in report.rejected] == [
        (2, "not-an-email", "not a valid email address"),
        (
            3,
            "odd@example.org",
            "unknown role “overlord”; write one of: participant (Participant), observer (Observer)",
        ),
        (4, "boss@example.org", "you may not invite people as Convener"),
        (5, "good@example.org", "duplicate in this list"),
        (6, member.email, "already a member"),
        (
            7,
            "kind@example.org",
            "unknown stakeholder type “alien”; write one of: resident (Resident), service_user (Service user), "
            "civil_society (Civil-society organisation), business (Business), public_employee (Public "
            "employee), expert (Expert or researcher), elected_official (Elected official), other (Other)",
        ),
    ]
    assert Invitation.objects.get(email="expert@example.org").stakeholder_type == "expert"


def test_a_csv_without_header_and_with_semicolons_works():
    rows, _ = parse_invitation_rows(
        csv_file=io.BytesIO(b"a@example.org;observer;business\r\nb@example.org;;\r\n")
    )

    assert [(r.email, r.role, r.stakeholder_type) for r in rows] == [
        ("a@example.org", "observer", "business"),
        ("b@example.org", "participant", "resident"),
    ]


def test_more_than_five_hundred_rows_are_refused_whole():
    with pytest.raises(ValidationError, match="At most 500"):
        parse_invitation_rows("\n".join(f"p{n}@example.org" for n in range(501)))


def test_nothing_is_half_done_when_a_send_fails(arena, facilitator, monkeypatch):
    from arenas.services import invitations

    calls = []

    def failing_send(invitation, *, actor):
        calls.append(invitation.email)
        if len(calls) == 2:
            raise RuntimeError("template broke")
        invitation.save()

    monkeypatch.setattr(invitations, "_send", failing_send)
    rows, _ = parse_invitation_rows("a@example.org\nb@example.org\nc@example.org")

    with pytest.raises(RuntimeError):
        invitations_create(arena=arena, actor=facilitator, rows=rows)

    assert not Invitation.objects.exists()


def test_accepting_makes_a_member_with_the_invited_role_once(arena, convener):
    invitation = invitation_create(
        arena=arena, actor=convener, email="x@example.org", role="facilitator", stakeholder_type="expert"
    )
    token = _token_of(invitation)
    person = UserFactory(email="x@example.org")

    membership = invitation_accept(token=token, user=person)

    assert (membership.role, membership.stakeholder_type) == ("facilitator", "expert")
    with pytest.raises(InvitationNotUsable):
        invitation_accept(token=token, user=UserFactory())


def test_an_invitation_raises_an_existing_members_role_but_never_lowers_it(arena, convener):
    member = MembershipFactory(arena=arena, role="facilitator").user
    invitation, token = _invitation(arena, role="observer", email=member.email)

    assert invitation_accept(token=token, user=member).role == "facilitator"


def test_declined_revoked_and_expired_invitations_cannot_be_used(arena, facilitator):
    declined, declined_token = _invitation(arena)
    invitation_decline(token=declined_token)
    revoked, revoked_token = _invitation(arena)
    invitation_revoke(invitation=revoked, actor=facilitator)
    expiring, expiring_token = _invitation(arena)

    with time_machine.travel(timezone.now() + timedelta(days=14, minutes=1)):
        with pytest.raises(InvitationNotUsable) as error:
            invitation_accept(token=expiring_token, user=UserFactory())
        assert error.value.invitation.status == "expired"
    for token in (declined_token, revoked_token, "no-such-token"):
        with pytest.raises(InvitationNotUsable):
            invitation_accept(token=token, user=UserFactory())


def test_still_valid_on_the_thirteenth_day(arena):
    invitation, token = _invitation(arena)

    with time_machine.travel(timezone.now() + timedelta(days=13)):
        assert invitation_accept(token=token, user=UserFactory(email=invitation.email)).role == "participant"


def test_resending_makes_a_new_link_and_the_old_one_stops_working(arena, facilitator, mailoutbox):
    invitation = invitation_create(arena=arena, actor=facilitator, email="x@example.org")
    first = link_in(sent_emails(mailoutbox)[0])

    invitation_resend(invitation=invitation, actor=facilitator)

    second = link_in(sent_emails(mailoutbox)[1])
    assert first != second
    assert invitation_by_token(first.split("/")[2]) is None
    assert Invitation.objects.get(pk=invitation.pk).sent_count == 2


def test_a_banned_person_cannot_accept(arena):
    banned = MembershipFactory(arena=arena, banned=True, ban_reason="x").user
    _invitation_obj, token = _invitation(arena)

    with pytest.raises(PermissionDenied):
        invitation_accept(token=token, user=banned)


def test_invitations_are_limited_per_arena_and_hour_counting_every_address(arena, facilitator, settings):
    assert [str(rate) for rate in rates_for("invitations")] == ["500 per 1 hour"]
    settings.RATE_LIMITS = {"invitations": "4/hour"}
    invitations_create(
        arena=arena, actor=facilitator, rows=[_row("one@example.org"), _row("two@example.org")]
    )
    invitation_create(arena=arena, actor=facilitator, email="last-but-one@example.org")

    with pytest.raises(RateLimited):  # a list of two does not fit in the one place left: none is sent
        invitations_create(
            arena=arena, actor=facilitator, rows=[_row("a@example.org"), _row("b@example.org")]
        )
    invitation_create(arena=arena, actor=facilitator, email="last@example.org")
    with pytest.raises(RateLimited):
        invitation_create(arena=arena, actor=facilitator, email="one-too-many@example.org")
    other_arena = ArenaFactory(organisation=arena.organisation)
    MembershipFactory(arena=other_arena, user=facilitator, role="facilitator")
    assert invitation_create(arena=other_arena, actor=facilitator, email="elsewhere@example.org")
    with time_machine.travel(timezone.now() + timedelta(hours=1, minutes=1)):
        assert invitation_create(arena=arena, actor=facilitator, email="next-hour@example.org")


def _row(email):
    return InvitationRow(email=email, role="participant", line=1)


def _invitation(arena, **kwargs):
    from tests.factories import invitation_with_token

    return invitation_with_token(arena=arena, **kwargs)


def _token_of(invitation):
    """Re-issue a known token for an invitation created through the service (only hashes are stored)."""
    from arenas.models.membership import token_hash

    token = f"known-{invitation.pk}"
    Invitation.objects.filter(pk=invitation.pk).update(token_hash=token_hash(token))
    return token


def test_the_waiting_for_you_digest_section(arena, facilitator):
    from arenas.digest import waiting_for_you
    from tests.factories import JoinRequestFactory

    JoinRequestFactory.create_batch(2, arena=arena)
    InvitationFactory(arena=arena, expires_at=timezone.now() + timedelta(days=2))
    InvitationFactory(arena=arena, expires_at=timezone.now() + timedelta(days=10))

    section = waiting_for_you(user=facilitator, notifications=[])

    assert section["title"] == "Waiting for you"
    assert [item["text"] for item in section["items"]] == [
        "Loneliness among seniors: 2 requests to join",
        "Loneliness among seniors: 1 invitation expires within three days",
    ]
    assert waiting_for_you(user=MembershipFactory(arena=arena).user, notifications=[]) is None


def test_nothing_to_wait_for_outside_open_arenas(arena, facilitator):
    from arenas.digest import waiting_for_you
    from tests.factories import JoinRequestFactory

    JoinRequestFactory(arena=arena)
    arena.status = "closed"
    arena.save()

    assert waiting_for_you(user=facilitator, notifications=[]) is None
    assert Membership.objects.filter(arena=arena).exists()


def test_three_addresses_on_one_line_are_three_people():
    rows, _ = parse_invitation_rows("a@example.org,b@example.org,c@example.org")

    assert [(r.email, r.role) for r in rows] == [
        (e, "participant") for e in ("a@example.org", "b@example.org", "c@example.org")
    ]


def test_a_valid_row_after_a_rejected_one_with_the_same_address_is_invited(arena, facilitator):
    rows, _ = parse_invitation_rows("x@example.org,overlord,resident\nx@example.org,participant,resident")

    report = invitations_create(arena=arena, actor=facilitator, rows=rows)

    assert [i.email for i in report.invited] == ["x@example.org"]
    assert [r["reason"] for r in report.rejected] == [
        "unknown role “overlord”; write one of: participant (Participant), observer (Observer)"
    ]


def test_validating_a_long_list_takes_a_fixed_number_of_queries(
    arena, facilitator, django_assert_max_num_queries
):
    rows, _ = parse_invitation_rows("\n".join(f"bad-address-{n}" for n in range(400)))

    with django_assert_max_num_queries(8):
        report = invitations_create(arena=arena, actor=facilitator, rows=rows)

    assert len(report.rejected) == 400


def test_reading_an_expired_link_writes_nothing_using_it_records_the_expiry(arena):
    invitation, token = _invitation(arena)

    with time_machine.travel(timezone.now() + timedelta(days=15)):
        assert invitation_by_token(token).status == "expired"
        assert Invitation.objects.get(pk=invitation.pk).status == "pending"
        with pytest.raises(InvitationNotUsable):
            invitation_accept(token=token, user=UserFactory())

    assert Invitation.objects.get(pk=invitation.pk).status == "expired"


def test_facilitators_cannot_revoke_a_conveners_invitation(arena, facilitator, convener):
    invitation = invitation_create(arena=arena, actor=convener, email="boss@example.org", role="convener")

    with pytest.raises(PermissionDenied):
        invitation_revoke(invitation=invitation, actor=facilitator)
