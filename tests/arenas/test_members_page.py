"""The members page through the client: who sees it, roles, removal and bans, and what it costs in
queries. Inviting and join links: test_members_page_invitations.py; join requests:
test_members_page_join_requests.py."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from arenas.models import Arena, Membership, Role
from platform_core.notifications.models import Notification
from tests.arenas.members_helpers import member, page_text, url
from tests.factories import (
    ArenaFactory,
    InvitationFactory,
    JoinLinkFactory,
    JoinRequestFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def arena():
    return ArenaFactory(title="Safer school routes", slug="safer-school-routes")


@pytest.fixture
def convener(arena):
    return member(arena, Role.CONVENER, display_name="Clara Convener", handle="clara").user


@pytest.fixture
def facilitator(arena, convener):
    return member(arena, Role.FACILITATOR, display_name="Frederik Facilitator", handle="frederik").user


@pytest.fixture
def participant(arena, facilitator):
    return member(arena, display_name="Cecilie Citizen", handle="cecilie", email="cecilie@example.org")


# --- who sees what ----------------------------------------------------------------------------------------


def test_members_see_names_handles_roles_and_stakeholder_types(client, arena, participant):
    member(arena, Role.OBSERVER, display_name="Otto Observer", handle="otto")
    client.force_login(participant.user)

    response = client.get(url(arena))

    assert response.status_code == 200
    text = page_text(response)
    for name in ["Clara Convener", "@clara", "Frederik Facilitator", "Cecilie Citizen", "@otto"]:
        assert name in text
    assert "Resident" in text
    # Highest role first: convener, facilitator, participant, observer.
    listed = text[text.index('id="members"') :]
    order = [listed.index(name) for name in ["Clara", "Frederik", "Cecilie Citizen", "Otto"]]
    assert order == sorted(order)
    # A participant has nothing to manage.
    assert 'id="invitations"' not in text
    assert "Change role" not in text
    assert "Ban…" not in text


@pytest.mark.parametrize("who", ["anonymous", "outsider", "banned"])
def test_others_who_see_a_public_arena_get_a_403_page_with_the_counts_only(client, arena, participant, who):
    if who == "outsider":
        client.force_login(UserFactory())
    elif who == "banned":
        banned = member(arena, display_name="Bob Banned")
        Membership.objects.filter(pk=banned.pk).update(banned=True, ban_reason="spam")
        client.force_login(banned.user)

    response = client.get(url(arena))

    assert response.status_code == 403
    text = page_text(response)
    assert "Only members of this arena see who takes part." in text
    assert "3 people take part in “Safer school routes”." in text
    assert "Resident: 3 people" in text
    assert "Cecilie Citizen" not in text
    assert "@clara" not in text


@pytest.mark.parametrize("visibility, status", [("private", "open"), ("public", "draft")])
def test_a_hidden_arena_is_404_for_outsiders_never_403(client, visibility, status):
    arena = ArenaFactory(visibility=visibility, status=status)
    participant = member(arena) if status == "open" else None
    invitation = InvitationFactory(arena=arena)

    for viewer in [None, UserFactory()]:
        if viewer:
            client.force_login(viewer)
        assert client.get(url(arena)).status_code == 404
        assert client.post(url(arena, "member-invite"), {"invite-email": "a@example.org"}).status_code == 404
        assert client.post(url(arena, "member-invitation-revoke", invitation.pk)).status_code == 404
    if participant:
        client.force_login(participant.user)
        assert client.get(url(arena)).status_code == 200


def test_moderators_see_banned_people_apart_with_the_reason_others_do_not(
    client, arena, facilitator, participant
):
    banned = member(arena, display_name="Bob Banned", handle="bob")
    Membership.objects.filter(pk=banned.pk).update(
        banned=True,
        ban_reason="Posted other people's addresses",
        banned_by=facilitator,
        banned_at=timezone.now(),
    )

    client.force_login(facilitator)
    text = page_text(client.get(url(arena)))
    banned_section = text[text.index('id="banned"') :]
    assert "Bob Banned" in banned_section
    assert "Posted other people&#x27;s addresses" in banned_section
    assert "Bob Banned" not in text[: text.index('id="banned"')]

    client.force_login(participant.user)
    text = page_text(client.get(url(arena)))
    assert "Bob Banned" not in text
    assert "addresses" not in text


def test_action_urls_do_not_answer_get(client, arena, convener, participant):
    client.force_login(convener)
    for name, args in [
        ("member-invite", []),
        ("member-invite-many", []),
        ("member-join-link-create", []),
        ("member-role", [participant.pk]),
        ("member-remove", [participant.pk]),
        ("member-ban", [participant.pk]),
    ]:
        assert client.get(url(arena, name, *args)).status_code == 405
    assert Membership.objects.filter(pk=participant.pk, banned=False).exists()


# --- roles, removal, bans ---------------------------------------------------------------------------------


def test_a_convener_changes_a_role_and_the_member_is_told(client, arena, convener, participant):
    client.force_login(convener)
    assert f'id="role-{participant.pk}"' in page_text(client.get(url(arena)))

    response = client.post(url(arena, "member-role", participant.pk), {"role": "facilitator"})

    assert response.status_code == 302
    participant.refresh_from_db()
    assert participant.role == Role.FACILITATOR
    assert Notification.objects.filter(recipient=participant.user, event="arenas.role_changed").exists()
    assert "Cecilie Citizen is now facilitator." in page_text(client.get(url(arena)))


def test_a_facilitator_cannot_change_roles_or_remove_members(client, arena, facilitator, participant):
    client.force_login(facilitator)
    text = page_text(client.get(url(arena)))
    assert "Change role" not in text
    assert "Remove…" not in text

    assert client.post(url(arena, "member-role", participant.pk), {"role": "facilitator"}).status_code == 403
    assert client.post(url(arena, "member-remove", participant.pk)).status_code == 403
    participant.refresh_from_db()
    assert participant.role == Role.PARTICIPANT


def test_the_last_convener_cannot_be_demoted_and_the_page_says_why(client, arena, convener):
    site_admin = UserFactory(is_superuser=True, is_staff=True)
    client.force_login(site_admin)
    membership = Membership.objects.get(user=convener)

    response = client.post(url(arena, "member-role", membership.pk), {"role": "participant"})

    assert response.status_code == 200
    assert "An arena needs at least one convener." in page_text(response)
    membership.refresh_from_db()
    assert membership.role == Role.CONVENER


def test_a_convener_removes_a_member(client, arena, convener, participant):
    client.force_login(convener)

    response = client.post(url(arena, "member-remove", participant.pk))

    assert response.status_code == 302
    assert not Membership.objects.filter(pk=participant.pk).exists()
    assert "Cecilie Citizen is no longer a member." in page_text(client.get(url(arena)))


def test_a_facilitator_bans_with_a_reason_and_lifts_the_ban(client, arena, facilitator, participant):
    client.force_login(facilitator)

    refused = client.post(url(arena, "member-ban", participant.pk), {f"ban-{participant.pk}-reason": " "})

    assert refused.status_code == 200
    assert "Say why: the reason is kept with the ban." in page_text(refused)
    assert '<details class="member-action" open>' in refused.content.decode()
    participant.refresh_from_db()
    assert not participant.banned

    response = client.post(
        url(arena, "member-ban", participant.pk), {f"ban-{participant.pk}-reason": "Abusive replies"}
    )

    assert response.status_code == 302
    participant.refresh_from_db()
    assert (participant.banned, participant.ban_reason, participant.banned_by) == (
        True,
        "Abusive replies",
        facilitator,
    )
    assert "Cecilie Citizen is banned from the arena." in page_text(client.get(url(arena)))
    notice = Notification.objects.get(recipient=participant.user, event="arenas.banned")
    assert (notice.actor_name, notice.data["reason"], notice.data["by_role"]) == (
        "",
        "Abusive replies",
        "facilitator",
    )

    response = client.post(url(arena, "member-unban", participant.pk))

    assert response.status_code == 302
    participant.refresh_from_db()
    assert not participant.banned


def test_a_facilitator_cannot_ban_another_facilitator_and_a_participant_cannot_ban(
    client, arena, facilitator, participant
):
    other = member(arena, Role.FACILITATOR)
    client.force_login(facilitator)
    assert client.post(url(arena, "member-ban", other.pk), {f"ban-{other.pk}-reason": "x"}).status_code == 403

    client.force_login(participant.user)
    target = member(arena)
    assert (
        client.post(url(arena, "member-ban", target.pk), {f"ban-{target.pk}-reason": "x"}).status_code == 403
    )
    assert not Membership.objects.filter(banned=True).exists()


# --- query budget -----------------------------------------------------------------------------------------

# Session, user, arena (+ phases, topics, the viewer's membership), org roles, members (count and page),
# banned, invitations (count and page), join links, join requests, the header's unread count.
BUDGET = 15


def crowded_arena(members: int):
    arena = ArenaFactory(visibility=Arena.Visibility.RESTRICTED)
    facilitator = member(arena, Role.FACILITATOR).user
    member(arena, Role.CONVENER)
    for index in range(members - 2):
        member(arena, [Role.PARTICIPANT, Role.OBSERVER][index % 2])
    for _ in range(2):
        banned = member(arena)
        Membership.objects.filter(pk=banned.pk).update(banned=True, ban_reason="spam", banned_by=facilitator)
    InvitationFactory.create_batch(4, arena=arena, invited_by=facilitator)
    JoinLinkFactory.create_batch(3, arena=arena, created_by=facilitator)
    JoinRequestFactory.create_batch(3, arena=arena)
    return arena, facilitator


def test_the_members_page_costs_the_same_queries_at_5_and_at_80_members(
    client, django_assert_max_num_queries
):
    counts = {}
    for size in (5, 80):
        arena, facilitator = crowded_arena(size)
        client.force_login(facilitator)
        with django_assert_max_num_queries(BUDGET), CaptureQueriesContext(connection) as queries:
            response = client.get(url(arena))
        assert response.status_code == 200
        assert response.context["member_total"] == size
        counts[size] = len(queries)

    assert counts[5] == counts[80], counts
