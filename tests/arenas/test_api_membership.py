"""The arenas API for membership: the member list, invitations, joining and join requests."""

from datetime import datetime

import pytest

from arenas.models import Arena, Invitation, JoinRequest, Membership, Role
from platform_core.notifications.models import EmailDelivery
from tests.arenas.api_helpers import NOT_FOUND, auth, member_of
from tests.factories import (
    ArenaFactory,
    InvitationFactory,
    JoinRequestFactory,
    MembershipFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def url(arena, tail: str) -> str:
    return f"/api/v1/arenas/{arena.slug}/{tail}"


def post(client, path, payload, user=None):
    return client.post(path, payload, content_type="application/json", **(auth(user) if user else {}))


@pytest.fixture
def arena():
    return ArenaFactory(slug="safer-school-routes", visibility=Arena.Visibility.PUBLIC)


@pytest.fixture
def restricted():
    return ArenaFactory(slug="loneliness-among-seniors", visibility=Arena.Visibility.RESTRICTED)


@pytest.fixture
def private():
    return ArenaFactory(slug="youth-employment-taskforce", visibility=Arena.Visibility.PRIVATE)


# --- members -------------------------------------------------------------------------------------------------


def test_members_see_who_else_is_in_the_arena_highest_role_first_without_emails(client, arena):
    participant = member_of(arena)
    observer = member_of(arena, Role.OBSERVER)
    convener = MembershipFactory(arena=arena, role=Role.CONVENER, user__display_name="Ada Convener").user
    member_of(arena, banned=True)

    response = client.get(url(arena, "members/"), **auth(participant))

    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 3
    assert [m["handle"] for m in body["results"]] == [convener.handle, participant.handle, observer.handle]
    first = body["results"][0]
    assert set(first) == {"handle", "display_name", "role", "stakeholder_type", "joined"}
    assert (first["display_name"], first["role"]) == ("Ada Convener", "convener")


def test_facilitators_also_see_the_members_emails(client, arena):
    facilitator = member_of(arena, Role.FACILITATOR)

    body = client.get(url(arena, "members/"), **auth(facilitator)).json()

    assert body["results"][0]["email"] == facilitator.email


def test_the_member_list_is_a_403_to_non_members_of_a_public_arena(client, arena):
    response = client.get(url(arena, "members/"), **auth(UserFactory()))

    assert response.status_code == 403
    assert response.json()["error"]["message"] == (
        "Only the arena's members can see who the other members are."
    )
    assert client.get(url(arena, "members/")).status_code == 401


def test_the_member_list_of_a_private_arena_is_a_404_to_outsiders(client, private):
    response = client.get(url(private, "members/"), **auth(UserFactory()))

    assert response.status_code == 404
    assert response.json() == NOT_FOUND


# --- invitations ---------------------------------------------------------------------------------------------


def test_a_facilitator_invites_someone_who_gets_an_email(client, arena):
    facilitator = member_of(arena, Role.FACILITATOR)

    response = post(
        client,
        url(arena, "invitations/"),
        {
            "email": "Mette@Example.org",
            "role": "participant",
            "stakeholder_type": "service_user",
            "message": "Your experience with the school bus would help.",
        },
        facilitator,
    )

    assert response.status_code == 201, response.content
    body = response.json()
    invitation = Invitation.objects.get()
    assert body == {
        "id": invitation.pk,
        "email": "mette@example.org",
        "role": "participant",
        "stakeholder_type": "service_user",
        "status": "pending",
        "expires_at": body["expires_at"],
    }
    assert datetime.fromisoformat(body["expires_at"]) == invitation.expires_at
    assert EmailDelivery.objects.filter(to_email="mette@example.org").count() == 1


def test_a_citizen_may_not_invite(client, arena):
    response = post(client, url(arena, "invitations/"), {"email": "x@example.org"}, member_of(arena))

    assert response.status_code == 403
    assert "facilitators and conveners" in response.json()["error"]["message"]
    assert not Invitation.objects.exists()


def test_a_facilitator_may_not_invite_a_convener_but_a_convener_may(client, arena):
    facilitator = member_of(arena, Role.FACILITATOR)
    convener = member_of(arena, Role.CONVENER)
    payload = {"email": "boss@example.org", "role": "convener"}

    refused = post(client, url(arena, "invitations/"), payload, facilitator)
    allowed = post(client, url(arena, "invitations/"), payload, convener)

    assert refused.status_code == 403
    assert refused.json()["error"]["message"] == (
        "You may not invite people as Convener: only the arena's conveners can."
    )
    assert allowed.status_code == 201
    assert Invitation.objects.get().invited_by == convener


def test_a_bad_email_or_unknown_role_is_a_400_naming_the_field(client, arena):
    facilitator = member_of(arena, Role.FACILITATOR)

    bad_email = post(client, url(arena, "invitations/"), {"email": "not-an-email"}, facilitator)
    bad_role = post(
        client, url(arena, "invitations/"), {"email": "a@example.org", "role": "king"}, facilitator
    )

    assert bad_email.status_code == 400
    assert set(bad_email.json()["error"]["fields"]) == {"email"}
    assert bad_role.status_code == 400
    assert set(bad_role.json()["error"]["fields"]) == {"role"}


def test_inviting_a_member_or_someone_already_invited_is_a_400_on_the_email(client, arena):
    facilitator = member_of(arena, Role.FACILITATOR)
    participant = member_of(arena)
    InvitationFactory(arena=arena, email="waiting@example.org")

    member = post(client, url(arena, "invitations/"), {"email": participant.email}, facilitator)
    again = post(client, url(arena, "invitations/"), {"email": "waiting@example.org"}, facilitator)

    assert member.json()["error"]["fields"] == {"email": ["already a member"]}
    assert again.status_code == 400
    assert set(again.json()["error"]["fields"]) == {"email"}


def test_too_many_invitations_in_an_hour_is_a_429_with_retry_after(client, arena, settings):
    settings.RATE_LIMITS = {"invitations": "1/hour"}
    facilitator = member_of(arena, Role.FACILITATOR)
    assert (
        post(client, url(arena, "invitations/"), {"email": "first@example.org"}, facilitator).status_code
        == 201
    )

    response = post(client, url(arena, "invitations/"), {"email": "late@example.org"}, facilitator)

    assert response.status_code == 429
    assert response["Retry-After"] == "3600"
    assert response.json()["error"]["code"] == "throttled"
    assert "You can send more in 60 minutes." in response.json()["error"]["message"]


def test_facilitators_list_the_pending_invitations_and_citizens_may_not(client, arena):
    pending = InvitationFactory(arena=arena)
    InvitationFactory(arena=arena, status=Invitation.Status.ACCEPTED)

    response = client.get(url(arena, "invitations/"), **auth(member_of(arena, Role.FACILITATOR)))

    assert [i["id"] for i in response.json()["results"]] == [pending.pk]
    assert client.get(url(arena, "invitations/"), **auth(member_of(arena))).status_code == 403


# --- joining -------------------------------------------------------------------------------------------------


def test_joining_a_public_arena_makes_you_a_participant_once(client, arena):
    citizen = UserFactory()

    first = post(client, url(arena, "join/"), {"stakeholder_type": "service_user"}, citizen)
    second = post(client, url(arena, "join/"), {}, citizen)

    assert first.status_code == 201
    assert first.json()["role"] == "participant"
    assert first.json()["handle"] == citizen.handle
    membership = Membership.objects.get(arena=arena, user=citizen)
    assert (membership.role, membership.stakeholder_type) == ("participant", "service_user")
    assert second.status_code == 409
    assert second.json()["error"] == {
        "status": 409,
        "code": "already_member",
        "message": "You are already a member of this arena.",
    }


def test_joining_a_restricted_arena_asks_the_facilitators(client, restricted):
    citizen = UserFactory()

    response = post(client, url(restricted, "join/"), {"note": "I visit my grandmother daily."}, citizen)
    again = post(client, url(restricted, "join/"), {}, citizen)

    assert response.status_code == 202
    body = response.json()
    assert (body["status"], body["note"]) == ("pending", "I visit my grandmother daily.")
    join_request = JoinRequest.objects.get(arena=restricted, user=citizen)
    assert body["id"] == join_request.pk
    assert not Membership.objects.filter(arena=restricted, user=citizen).exists()
    assert again.status_code == 409
    assert again.json()["error"]["code"] == "already_requested"


def test_a_private_arena_cannot_be_joined_and_is_a_404_to_outsiders(client, private):
    response = post(client, url(private, "join/"), {}, UserFactory())

    assert response.status_code == 404
    assert response.json() == NOT_FOUND
    assert not Membership.objects.filter(arena=private).exists()


def test_a_banned_member_cannot_rejoin(client, arena):
    banned = member_of(arena, banned=True)

    response = post(client, url(arena, "join/"), {}, banned)

    assert response.status_code == 403
    assert "banned" in response.json()["error"]["message"]


def test_a_closed_arena_takes_no_new_members(client):
    closed = ArenaFactory(status=Arena.Status.CLOSED)

    response = post(client, url(closed, "join/"), {}, UserFactory())

    assert response.status_code == 403
    assert response.json()["error"]["message"] == "This arena is closed: it takes no new members."


def test_joining_needs_a_signed_in_caller(client, arena):
    assert post(client, url(arena, "join/"), {}).status_code == 401


# --- join requests -------------------------------------------------------------------------------------------


def test_facilitators_list_pending_join_requests_and_participants_may_not(client, restricted):
    waiting = JoinRequestFactory(arena=restricted)
    JoinRequestFactory(arena=restricted, status=JoinRequest.Status.DECLINED)

    response = client.get(url(restricted, "join-requests/"), **auth(member_of(restricted, Role.FACILITATOR)))
    refused = client.get(url(restricted, "join-requests/"), **auth(member_of(restricted)))

    assert response.status_code == 200
    [item] = response.json()["results"]
    assert item["id"] == waiting.pk
    assert item["user"] == {"handle": waiting.user.handle, "display_name": waiting.user.name}
    assert refused.status_code == 403


def decide(client, join_request, approve, user):
    path = url(join_request.arena, f"join-requests/{join_request.pk}/decision/")
    return post(client, path, {"approve": approve}, user)


def test_a_facilitator_approves_a_join_request_and_the_person_becomes_a_participant(client, restricted):
    join_request = JoinRequestFactory(arena=restricted)

    response = decide(client, join_request, True, member_of(restricted, Role.FACILITATOR))

    assert response.status_code == 200
    assert response.json()["status"] == "approved"
    assert Membership.objects.get(arena=restricted, user=join_request.user).role == Role.PARTICIPANT


def test_a_declined_request_lets_nobody_in_and_cannot_be_decided_twice(client, restricted):
    join_request = JoinRequestFactory(arena=restricted)
    facilitator = member_of(restricted, Role.FACILITATOR)

    declined = decide(client, join_request, False, facilitator)
    twice = decide(client, join_request, True, facilitator)

    assert declined.json()["status"] == "declined"
    assert twice.status_code == 400
    assert not Membership.objects.filter(arena=restricted, user=join_request.user).exists()


def test_a_participant_may_not_decide_a_join_request(client, restricted):
    join_request = JoinRequestFactory(arena=restricted)

    response = decide(client, join_request, True, member_of(restricted))

    assert response.status_code == 403
    join_request.refresh_from_db()
    assert join_request.status == JoinRequest.Status.PENDING


def test_another_arenas_join_request_is_a_404(client, restricted):
    elsewhere = JoinRequestFactory(arena=ArenaFactory(visibility=Arena.Visibility.RESTRICTED))
    facilitator = member_of(restricted, Role.FACILITATOR)

    path = url(restricted, f"join-requests/{elsewhere.pk}/decision/")
    response = post(client, path, {"approve": True}, facilitator)

    assert response.json() == NOT_FOUND


def test_a_decision_needs_approve(client, restricted):
    join_request = JoinRequestFactory(arena=restricted)
    path = url(restricted, f"join-requests/{join_request.pk}/decision/")

    response = post(client, path, {}, member_of(restricted, Role.FACILITATOR))

    assert response.status_code == 400
    assert set(response.json()["error"]["fields"]) == {"approve"}


# --- query budgets -------------------------------------------------------------------------------------------

# token, arena, viewer's membership, phases, topics (arena_get_for_viewer), org roles, the count, the page
LIST_IN_ARENA_BUDGET = 8


@pytest.mark.parametrize("count", [5, 60])
def test_the_member_list_runs_the_same_queries_for_5_and_60_members(
    client, arena, count, django_assert_max_num_queries
):
    MembershipFactory.create_batch(count, arena=arena)
    participant_headers = auth(member_of(arena))
    facilitator_headers = auth(member_of(arena, Role.FACILITATOR))

    with django_assert_max_num_queries(LIST_IN_ARENA_BUDGET):
        as_participant = client.get(url(arena, "members/"), {"page_size": 100}, **participant_headers)
    with django_assert_max_num_queries(LIST_IN_ARENA_BUDGET):
        as_facilitator = client.get(url(arena, "members/"), {"page_size": 100}, **facilitator_headers)

    assert len(as_participant.json()["results"]) == count + 2
    assert "email" in as_facilitator.json()["results"][0]


@pytest.mark.parametrize("count", [5, 60])
def test_invitations_and_join_requests_run_the_same_queries_for_5_and_60(
    client, restricted, count, django_assert_max_num_queries
):
    InvitationFactory.create_batch(count, arena=restricted)
    JoinRequestFactory.create_batch(count, arena=restricted)
    headers = auth(member_of(restricted, Role.FACILITATOR))

    with django_assert_max_num_queries(LIST_IN_ARENA_BUDGET):
        invitations = client.get(url(restricted, "invitations/"), {"page_size": 100}, **headers)
    with django_assert_max_num_queries(LIST_IN_ARENA_BUDGET):
        join_requests = client.get(url(restricted, "join-requests/"), {"page_size": 100}, **headers)

    assert len(invitations.json()["results"]) == len(join_requests.json()["results"]) == count
