"""The home page (/) through the client: visitors see what it always showed; a signed-in person sees their
arenas (with the current phase and what is new for them), what waits for them (invitations, join requests
and flags to decide, rounds to finish) and what ends soon — only what the policy lets them see or decide.
Query budget: test_home_budgets.py."""

from datetime import timedelta

import pytest
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains

from arenas.deliberation.models import Flag, Post, Thread
from arenas.models import Role
from arenas.prototypes.models import Iteration
from platform_core.notifications.services import notification_group_mute, notify
from tests.arenas.pages_helpers import html, make_arena, sign_in
from tests.factories import (
    ArenaFactory,
    InvitationFactory,
    JoinRequestFactory,
    PrototypeFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

HOME = "/"


def section(response, heading_id: str) -> str:
    """The text of one home section: from its heading to the next section."""
    page = html(response)
    start = page.index(f'id="{heading_id}"')
    end = page.find("</section>", start)
    return page[start:end]


def flag_in(arena):
    thread = Thread.objects.create(
        arena=arena, title="Crossing", post_count=1, top_level_count=1, last_number=1
    )
    post = Post.objects.create(thread=thread, author=UserFactory(), number=1, top_number=1, body="b")
    return Flag.objects.create(post=post, reporter=UserFactory(), reason="spam")


# --- Visitors -------------------------------------------------------------------------------------------------


def test_a_visitor_sees_the_public_home_as_before(client, people):
    make_arena(people, title="Safer school routes")

    response = client.get(HOME)

    assertContains(response, "Solve public problems together")
    assertContains(response, "How an arena works")
    assertContains(response, "Create an account")
    assertNotContains(response, "My arenas")
    assertNotContains(response, "Waiting for me")


# --- My arenas ------------------------------------------------------------------------------------------------


def test_a_citizen_sees_their_arenas_with_the_phase_and_not_others(client, people):
    make_arena(people, title="Safer school routes", phases=("Ideation",))
    make_arena(people, title="Loneliness among seniors", visibility="restricted")
    ArenaFactory(organisation=people.organisation, title="Library opening hours")  # not a member
    sign_in(client, people.participant)

    response = client.get(HOME)

    mine = section(response, "my-arenas-heading")
    assert "Safer school routes" in mine and "Loneliness among seniors" in mine
    assert "Library opening hours" not in mine
    assert "Framing the problem" in mine  # the current phase
    assert "Solve public problems together" not in html(response)


def test_a_private_arena_they_are_not_in_is_never_shown(client, people):
    private = ArenaFactory(organisation=people.organisation, visibility="private", title="Youth employment")
    InvitationFactory(arena=private, email="other@example.org")
    JoinRequestFactory(arena=private)
    sign_in(client, people.participant)

    response = client.get(HOME)

    assertNotContains(response, "Youth employment")


def test_banned_and_archived_arenas_are_left_out(client, people):
    banned_from = make_arena(people, title="Banned from here")
    banned_from.memberships.filter(user=people.participant).update(banned=True)
    make_arena(people, title="Long archived", status="archived")
    sign_in(client, people.participant)

    response = client.get(HOME)

    assertNotContains(response, "Banned from here")
    assertNotContains(response, "Long archived")


def test_what_is_new_is_the_unread_notifications_of_each_arena(client, people):
    busy = make_arena(people, title="Safer school routes")
    quiet = make_arena(people, title="Loneliness among seniors")
    for title in ["Crossing", "Walking bus"]:
        notify(
            recipients=[people.participant],
            event="platform.tip",
            target_title=title,
            group_key=busy.group_key,
            group_label=busy.title,
        )
    sign_in(client, people.participant)

    mine = section(client.get(HOME), "my-arenas-heading")

    busy_card = mine[mine.index("Safer school routes") :]
    quiet_card = mine[mine.index("Loneliness among seniors") : mine.index("Safer school routes")]
    assert "2 unread notifications" in busy_card
    assert "Nothing new" in quiet_card
    notification_group_mute(user=people.participant, group_key=quiet.group_key)
    quiet_card = section(client.get(HOME), "my-arenas-heading").split("Safer school routes")[0]
    assert "Muted" in quiet_card


def test_someone_in_no_arena_is_pointed_to_the_directory(client, people):
    sign_in(client, people.outsider)

    response = client.get(HOME)

    assertContains(response, "You are not in any arena yet.")
    assertContains(response, "Find an arena to join")
    assertContains(response, "Nothing waits for you.")


# --- Waiting for me -------------------------------------------------------------------------------------------


def test_an_invitation_to_their_address_waits_for_them(client, people):
    arena = ArenaFactory(
        organisation=people.organisation, title="Greener schoolyards", visibility="restricted"
    )
    InvitationFactory(arena=arena, email=people.outsider.email.upper(), role=Role.FACILITATOR)
    InvitationFactory(arena=arena, email=people.outsider.email, status="revoked")
    InvitationFactory(
        arena=ArenaFactory(title="Expired one"),
        email=people.outsider.email,
        expires_at=timezone.now() - timedelta(days=1),
    )
    sign_in(client, people.outsider)

    waiting = section(client.get(HOME), "waiting-heading")

    assert waiting.count("You are invited to") == 1
    assert "You are invited to “Greener schoolyards” as facilitator" in waiting
    assert f'href="/arenas/{arena.slug}/"' in waiting
    assert "Expired one" not in waiting


def test_facilitators_see_join_requests_and_flags_to_decide_participants_do_not(client, people):
    arena = make_arena(people, title="Loneliness among seniors", visibility="restricted")
    JoinRequestFactory.create_batch(2, arena=arena)
    flag_in(arena)
    closed = make_arena(people, title="Closed arena", status="closed")
    flag_in(closed)  # nobody moderates a closed arena

    sign_in(client, people.facilitator)
    waiting = section(client.get(HOME), "waiting-heading")
    assert "2 requests to join" in waiting
    assert f"/arenas/{arena.slug}/members/#join-requests" in waiting
    assert "1 flag to review" in waiting
    assert f"/arenas/{arena.slug}/moderation/" in waiting
    assert f"/arenas/{closed.slug}/moderation/" not in waiting

    sign_in(client, people.participant)
    waiting = section(client.get(HOME), "waiting-heading")
    assert "requests to join" not in waiting and "flag to review" not in waiting
    assert "Nothing waits for you." in waiting


def test_a_round_they_lead_past_its_end_date_waits_to_be_finished(client, people):
    arena = make_arena(people, title="Safer school routes")
    today = timezone.localdate()
    mine = PrototypeFactory(arena=arena, lead=people.participant, title="Walking bus")
    Iteration.objects.create(
        prototype=mine, number=1, goal="Try", status="running", end_date=today - timedelta(3)
    )
    Iteration.objects.create(
        prototype=mine, number=2, goal="Done", status="done", end_date=today - timedelta(9)
    )
    theirs = PrototypeFactory(arena=arena, title="Crossing guard")
    Iteration.objects.create(
        prototype=theirs, number=1, goal="Try", status="running", end_date=today - timedelta(3)
    )
    sign_in(client, people.participant)

    waiting = section(client.get(HOME), "waiting-heading")

    assert "Round 1 of “Walking bus” is past its end date: finish it" in waiting
    assert "Round 2" not in waiting
    assert "Crossing guard" not in waiting


# --- Upcoming deadlines ---------------------------------------------------------------------------------------


def test_phases_and_rounds_ending_within_two_weeks_are_listed_soonest_first(client, people):
    today = timezone.localdate()
    soon = make_arena(people, title="Safer school routes")
    soon.current_phase.end_date = today + timedelta(days=10)
    soon.current_phase.save()
    later = make_arena(people, title="Loneliness among seniors")
    later.current_phase.end_date = today + timedelta(days=30)
    later.current_phase.save()
    prototype = PrototypeFactory(arena=soon, title="Walking bus")
    Iteration.objects.create(
        prototype=prototype, number=1, goal="Try", status="running", end_date=today + timedelta(2)
    )
    sign_in(client, people.participant)

    deadlines = section(client.get(HOME), "deadlines-heading")

    assert "Round 1 of “Walking bus” ends" in deadlines
    assert "Phase “Framing the problem” ends" in deadlines
    assert deadlines.index("Walking bus") < deadlines.index("Framing the problem")
    assert f'datetime="{(today + timedelta(2)).isoformat()}"' in deadlines
    assert "Loneliness among seniors" not in deadlines


def test_with_nothing_ending_soon_the_section_says_so(client, people):
    make_arena(people, title="Safer school routes")
    sign_in(client, people.participant)

    assertContains(client.get(HOME), "No phase or round in your arenas ends in the next two weeks.")


def test_the_seeded_citizen_sees_both_demo_arenas(client):
    from django.core.management import call_command

    call_command("seed_demo")
    from django.contrib.auth import get_user_model

    citizen = get_user_model().objects.get(email="citizen@example.org")
    client.force_login(citizen)

    mine = section(client.get(HOME), "my-arenas-heading")

    assert "Safer school routes" in mine
    assert "Loneliness among seniors" in mine
    assert "Youth employment" not in mine
