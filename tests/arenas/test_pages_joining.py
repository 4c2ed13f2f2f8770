"""Joining, asking to join and leaving an arena through its page: anonymous visitors are sent to sign in,
a stakeholder type is chosen, a request to join a restricted arena waits for the facilitators (who are
told), the only convener cannot leave; closed and private arenas, banned members and people with a
pending invitation."""

import pytest
from django.test import Client
from pytest_django.asserts import assertContains, assertRedirects

from arenas.models import JoinRequest, Membership, Role
from platform_core.notifications.models import Notification
from tests.arenas.pages_helpers import DIRECTORY, html, make_arena, page_of, sign_in
from tests.factories import InvitationFactory, MembershipFactory

pytestmark = pytest.mark.django_db


# --- Joining, asking to join, leaving ----------------------------------------------------------------------


def test_anonymous_visitors_are_asked_to_sign_in_to_join(client, people):
    arena = make_arena(people)

    assertContains(client.get(page_of(arena)), f'href="/accounts/login/?next=/arenas/{arena.slug}/"')


def test_anonymous_post_to_join_goes_to_sign_in_and_back_to_the_arena(client, people):
    arena = make_arena(people)

    response = client.post(f"/arenas/{arena.slug}/join/")

    assertRedirects(response, f"/accounts/login/?next=/arenas/{arena.slug}/", fetch_redirect_response=False)


def test_a_signed_in_person_joins_a_public_arena_as_a_participant(client, people):
    arena = make_arena(people)
    sign_in(client, people.outsider)
    assertContains(client.get(page_of(arena)), "Join as participant")

    response = client.post(f"/arenas/{arena.slug}/join/", {"stakeholder_type": "business"})

    assertRedirects(response, page_of(arena))
    membership = Membership.objects.get(arena=arena, user=people.outsider)
    assert (membership.role, membership.stakeholder_type) == (Role.PARTICIPANT, "business")
    page = html(client.get(page_of(arena)))
    assert "You take part as Participant (Business)" in page
    assert "Leave this arena" in page


def test_joining_with_an_unknown_stakeholder_type_shows_the_error_and_joins_nobody(client, people):
    arena = make_arena(people)
    sign_in(client, people.outsider)

    response = client.post(f"/arenas/{arena.slug}/join/", {"stakeholder_type": "alien"})

    assertContains(response, "Please correct the following")
    assert not Membership.objects.filter(arena=arena, user=people.outsider).exists()


def test_join_and_leave_refuse_get(client, people):
    arena = make_arena(people)
    sign_in(client, people.participant)

    assert client.get(f"/arenas/{arena.slug}/join/").status_code == 405
    assert client.get(f"/arenas/{arena.slug}/leave/").status_code == 405
    assert Membership.objects.filter(arena=arena, user=people.participant).exists()


def test_asking_to_join_a_restricted_arena_waits_for_the_facilitators(client, people):
    arena = make_arena(people, visibility="restricted")
    sign_in(client, people.outsider)
    assertContains(client.get(page_of(arena)), "Ask to join")

    response = client.post(
        f"/arenas/{arena.slug}/join/",
        {"stakeholder_type": "service_user", "note": "I use the service weekly."},
    )

    assertRedirects(response, page_of(arena))
    request = JoinRequest.objects.get(arena=arena, user=people.outsider)
    assert (request.status, request.note, request.stakeholder_type) == (
        "pending",
        "I use the service weekly.",
        "service_user",
    )
    assert not Membership.objects.filter(arena=arena, user=people.outsider).exists()
    told = set(
        Notification.objects.filter(event="arenas.join_request_received").values_list("recipient", flat=True)
    )
    assert told == {people.facilitator.pk, people.convener.pk}
    page = html(client.get(page_of(arena)))
    assert "Your request is waiting" in page
    assert "Ask to join</button>" not in page


def test_asking_twice_shows_why_and_keeps_one_request(client, people):
    arena = make_arena(people, visibility="restricted")
    sign_in(client, people.outsider)
    client.post(f"/arenas/{arena.slug}/join/", {"stakeholder_type": "resident"}, follow=True)

    response = client.post(f"/arenas/{arena.slug}/join/", {"stakeholder_type": "resident"}, follow=True)

    assertContains(response, "You have already asked to join.")
    assertContains(response, "Your request is waiting.")
    assert JoinRequest.objects.filter(arena=arena, user=people.outsider).count() == 1


def test_a_participant_leaves(client, people):
    arena = make_arena(people)
    sign_in(client, people.participant)

    response = client.post(f"/arenas/{arena.slug}/leave/")

    assertRedirects(response, page_of(arena), fetch_redirect_response=False)
    assert not Membership.objects.filter(arena=arena, user=people.participant).exists()
    assertContains(client.get(page_of(arena)), "You left")


def test_leaving_a_private_arena_goes_back_to_the_directory(client, people):
    arena = make_arena(people, visibility="private")
    sign_in(client, people.participant)

    assertRedirects(client.post(f"/arenas/{arena.slug}/leave/"), DIRECTORY)


def test_the_only_convener_cannot_leave_and_is_told_why(client, people):
    arena = make_arena(people)
    sign_in(client, people.convener)

    response = client.post(f"/arenas/{arena.slug}/leave/", follow=True)

    assertContains(response, "only convener")
    assert Membership.objects.filter(arena=arena, user=people.convener).exists()


def test_nobody_joins_or_leaves_a_closed_arena(client, people):
    arena = make_arena(people, status="closed")

    assert sign_in(Client(), people.outsider).post(f"/arenas/{arena.slug}/join/").status_code == 403
    assert sign_in(Client(), people.participant).post(f"/arenas/{arena.slug}/leave/").status_code == 403
    assert not Membership.objects.filter(arena=arena, user=people.outsider).exists()
    assert Membership.objects.filter(arena=arena, user=people.participant).exists()


def test_joining_a_private_arena_one_cannot_see_is_404(client, people):
    arena = make_arena(people, visibility="private")
    sign_in(client, people.outsider)

    assert client.post(f"/arenas/{arena.slug}/join/", {"stakeholder_type": "resident"}).status_code == 404
    assert not Membership.objects.filter(arena=arena, user=people.outsider).exists()


def test_a_banned_member_cannot_join_again(client, people):
    arena = make_arena(people)
    MembershipFactory(arena=arena, user=people.outsider, banned=True, ban_reason="Spam")
    sign_in(client, people.outsider)

    page = client.get(page_of(arena))
    assertContains(page, "you cannot take part or join again")
    assertContains(page, "Spam")  # the reason given, and how to ask for a review
    assertContains(page, "Ask for a review")
    assert client.post(f"/arenas/{arena.slug}/join/", {"stakeholder_type": "resident"}).status_code == 403


def test_a_person_with_a_pending_invitation_is_told_to_check_their_email(client, people):
    arena = make_arena(people, visibility="restricted")
    InvitationFactory(arena=arena, email=people.outsider.email, role=Role.FACILITATOR)
    sign_in(client, people.outsider)

    page = html(client.get(page_of(arena)))

    assert "You are invited." in page
    assert "Check your email" in page and people.outsider.email in page
