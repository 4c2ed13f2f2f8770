"""Resending and withdrawing selected pending invitations at once from the members page: only this arena's
pending ones the person may manage, within the hourly invitation limit, never a 500."""

import pytest
from django.urls import reverse

from arenas.models import Invitation, Role
from arenas.services.invitations_many import invitations_resend_many, invitations_revoke_many
from platform_core.audit.models import AuditEntry
from platform_core.notifications.models import EmailDelivery
from tests.arenas.members_helpers import member, page_text, url
from tests.factories import ArenaFactory, InvitationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def arena():
    return ArenaFactory(title="Safer school routes")


@pytest.fixture
def convener(arena):
    return member(arena, Role.CONVENER, display_name="Clara Convener").user


@pytest.fixture
def facilitator(arena, convener):
    return member(arena, Role.FACILITATOR, display_name="Frederik Facilitator").user


def bulk(client, arena, action, ids, follow=True):
    return client.post(
        url(arena, "member-invitations-bulk"), {"action": action, "invitation": ids}, follow=follow
    )


def statuses(invitations):
    return [Invitation.objects.get(pk=i.pk).status for i in invitations]


def test_revoking_the_selected_leaves_the_others_and_their_links_stop(client, arena, facilitator):
    selected = InvitationFactory.create_batch(3, arena=arena, invited_by=facilitator)
    kept = InvitationFactory(arena=arena, invited_by=facilitator)
    client.force_login(facilitator)

    response = bulk(client, arena, "revoke", [i.pk for i in selected])

    assert response.redirect_chain[-1][0] == f"{url(arena)}#invitations"
    assert "Withdrew 3 invitations; their links no longer work." in page_text(response)
    assert statuses(selected) == [Invitation.Status.REVOKED] * 3
    assert statuses([kept]) == [Invitation.Status.PENDING]
    assert AuditEntry.objects.filter(action="invitation.revoked").count() == 3
    assert "Pending invitation (1)" in page_text(response)


def test_resending_the_selected_sends_each_once_with_a_fresh_link(client, arena, facilitator):
    selected = InvitationFactory.create_batch(2, arena=arena, invited_by=facilitator)
    old_hashes = [i.token_hash for i in selected]
    client.force_login(facilitator)

    response = bulk(client, arena, "resend", [i.pk for i in selected])

    assert "Sent 2 invitations again." in page_text(response)
    fresh = [Invitation.objects.get(pk=i.pk) for i in selected]
    assert [i.sent_count for i in fresh] == [2, 2]
    assert all(new.token_hash != old for new, old in zip(fresh, old_hashes, strict=True))
    assert sorted(EmailDelivery.objects.values_list("to_email", flat=True)) == sorted(
        i.email for i in selected
    )


def test_another_arenas_and_answered_invitations_are_left_alone_without_an_error(client, arena, facilitator):
    mine = InvitationFactory(arena=arena, invited_by=facilitator)
    answered = InvitationFactory(arena=arena, invited_by=facilitator, status=Invitation.Status.ACCEPTED)
    elsewhere = InvitationFactory(arena=ArenaFactory())
    client.force_login(facilitator)

    response = bulk(client, arena, "revoke", [mine.pk, answered.pk, elsewhere.pk, "nonsense"])

    assert response.status_code == 200
    text = page_text(response)
    assert "Withdrew 1 invitation; its link no longer works." in text
    assert "2 selected invitations were left alone" in text
    assert statuses([mine, answered, elsewhere]) == [
        Invitation.Status.REVOKED,
        Invitation.Status.ACCEPTED,
        Invitation.Status.PENDING,
    ]


def test_a_facilitator_cannot_touch_a_conveners_invitation_to_facilitate(client, arena, facilitator):
    theirs = InvitationFactory(arena=arena, role=Role.FACILITATOR)
    ours = InvitationFactory(arena=arena, role=Role.PARTICIPANT)
    client.force_login(facilitator)

    response = bulk(client, arena, "revoke", [theirs.pk, ours.pk])

    assert "1 selected invitation was left alone" in page_text(response)
    assert statuses([theirs, ours]) == [Invitation.Status.PENDING, Invitation.Status.REVOKED]


@pytest.mark.parametrize(
    ("action", "ids", "error"),
    [
        ("revoke", [], "Select at least one invitation."),
        ("explode", ["1"], "Choose what to do with the selected invitations."),
    ],
)
def test_nothing_selected_or_an_unknown_action_is_a_clear_error(
    client, arena, facilitator, action, ids, error
):
    pending = InvitationFactory(arena=arena, invited_by=facilitator)
    client.force_login(facilitator)

    response = bulk(client, arena, action, ids, follow=False)

    assert response.status_code == 200
    assert error in page_text(response)
    assert statuses([pending]) == [Invitation.Status.PENDING]


def test_a_participant_may_not_and_nothing_changes(client, arena, facilitator):
    pending = InvitationFactory(arena=arena, invited_by=facilitator)
    client.force_login(member(arena).user)

    response = bulk(client, arena, "revoke", [pending.pk], follow=False)

    assert response.status_code == 403
    assert statuses([pending]) == [Invitation.Status.PENDING]


def test_resending_more_than_the_hourly_limit_sends_none(client, arena, facilitator, settings):
    from platform_core.ratelimits import rate_limits_reset

    settings.RATE_LIMITS = {"invitations": "2/hour"}
    rate_limits_reset()
    selected = InvitationFactory.create_batch(3, arena=arena, invited_by=facilitator)
    client.force_login(facilitator)

    response = bulk(client, arena, "resend", [i.pk for i in selected], follow=False)

    assert response.status_code == 429
    assert "Too many invitations for now" in page_text(response)
    assert [Invitation.objects.get(pk=i.pk).sent_count for i in selected] == [1, 1, 1]
    assert not EmailDelivery.objects.exists()


def test_the_services_take_one_call_for_the_selection(arena, facilitator):
    selected = InvitationFactory.create_batch(3, arena=arena, invited_by=facilitator)

    assert len(invitations_resend_many(arena=arena, actor=facilitator, ids=[selected[0].pk]).done) == 1
    report = invitations_revoke_many(arena=arena, actor=facilitator, ids=[i.pk for i in selected])
    assert (len(report.done), report.skipped) == (3, 0)


def test_the_page_offers_the_selection_without_javascript(client, arena, facilitator):
    pending = InvitationFactory(arena=arena, invited_by=facilitator, email="pia@example.org")
    client.force_login(facilitator)

    text = page_text(client.get(url(arena)))

    assert (
        f'action="{reverse("arenas:member-invitations-bulk", args=[arena.slug])}" id="invitations-bulk"'
        in text
    )
    assert f'name="invitation" value="{pending.pk}"' in text
    assert "Apply to the selected invitations" in text
