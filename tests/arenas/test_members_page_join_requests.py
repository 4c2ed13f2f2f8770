"""Join requests on the members page through the client: a facilitator of a restricted arena sees who asks
and why, approves or declines, and the requester is told; a participant may not decide."""

import pytest

from arenas.models import Arena, JoinRequest, Membership, Role
from platform_core.notifications.models import Notification
from tests.arenas.members_helpers import member, page_text, url
from tests.factories import ArenaFactory, JoinRequestFactory, UserFactory

pytestmark = pytest.mark.django_db


# --- join requests ----------------------------------------------------------------------------------------


@pytest.fixture
def restricted():
    arena = ArenaFactory(visibility=Arena.Visibility.RESTRICTED, title="Loneliness among seniors")
    facilitator = member(arena, Role.FACILITATOR).user
    return arena, facilitator


def test_a_facilitator_approves_a_join_request_and_the_requester_is_told(client, restricted):
    arena, facilitator = restricted
    join_request = JoinRequestFactory(
        arena=arena, user=UserFactory(display_name="Rita Requester"), stakeholder_type="expert"
    )
    client.force_login(facilitator)
    text = page_text(client.get(url(arena)))
    requests_section = text[text.index('id="join-requests"') :]
    assert "Rita Requester" in requests_section
    assert "I live on the school route" in requests_section
    assert "Expert or researcher" in requests_section

    response = client.post(url(arena, "member-join-request-decide", join_request.pk), {"decision": "approve"})

    assert response.status_code == 302
    assert response.url.endswith("#join-requests")
    membership = Membership.objects.get(arena=arena, user=join_request.user)
    assert (membership.role, membership.stakeholder_type) == ("participant", "expert")
    assert Notification.objects.filter(
        recipient=join_request.user, event="arenas.join_request_approved"
    ).exists()
    text = page_text(client.get(url(arena)))
    assert "Rita Requester is now a member" in text
    assert "No one is waiting for an answer." in text


def test_a_facilitator_declines_a_join_request_and_the_requester_is_told(client, restricted):
    arena, facilitator = restricted
    join_request = JoinRequestFactory(arena=arena)
    client.force_login(facilitator)

    response = client.post(url(arena, "member-join-request-decide", join_request.pk), {"decision": "decline"})

    assert response.status_code == 302
    join_request.refresh_from_db()
    assert join_request.status == JoinRequest.Status.DECLINED
    assert not Membership.objects.filter(arena=arena, user=join_request.user).exists()
    assert Notification.objects.filter(
        recipient=join_request.user, event="arenas.join_request_declined"
    ).exists()


def test_a_participant_cannot_decide_join_requests(client, restricted):
    arena, _facilitator = restricted
    participant = member(arena)
    join_request = JoinRequestFactory(arena=arena)
    client.force_login(participant.user)

    response = client.post(url(arena, "member-join-request-decide", join_request.pk), {"decision": "approve"})

    assert response.status_code == 403
    assert not Membership.objects.filter(user=join_request.user).exists()
