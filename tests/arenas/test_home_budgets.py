"""The signed-in home costs the same number of queries for a person in 2 arenas as in 20: each arena a
facilitator's, with join requests, a flag, an unread notification, a phase ending soon and rounds (one
overdue that they lead, one ending soon)."""

from datetime import timedelta

import pytest
from django.utils import timezone
from pytest_django.asserts import assertContains

from arenas.prototypes.models import Iteration
from platform_core.notifications.services import notify
from tests.arenas.pages_helpers import make_arena, sign_in
from tests.arenas.test_home import flag_in
from tests.factories import ArenaFactory, InvitationFactory, JoinRequestFactory, PrototypeFactory

pytestmark = pytest.mark.django_db

HOME_BUDGET = 15  # measured: 14 for a facilitator, at 2 and at 20 arenas


def fill(people, count: int):
    today = timezone.localdate()
    for n in range(count):
        arena = make_arena(people, title=f"Arena {n:02d}", visibility="restricted")
        arena.current_phase.end_date = today + timedelta(days=5)
        arena.current_phase.save()
        JoinRequestFactory(arena=arena)
        flag_in(arena)
        prototype = PrototypeFactory(arena=arena, lead=people.facilitator, title=f"Prototype {n}")
        Iteration.objects.create(prototype=prototype, number=1, goal="Try", status="done")
        Iteration.objects.create(
            prototype=prototype, number=2, goal="Try", status="running", end_date=today - timedelta(1)
        )
        Iteration.objects.create(prototype=prototype, number=3, goal="Next", end_date=today + timedelta(3))
        notify(
            recipients=[people.facilitator],
            event="platform.tip",
            target_title="Something",
            group_key=arena.group_key,
            group_label=arena.title,
        )
    InvitationFactory(
        arena=ArenaFactory(organisation=people.organisation, title="Invited to"),
        email=people.facilitator.email,
    )


@pytest.mark.parametrize("size", [2, 20])
def test_the_home_page_costs_the_same_queries_at_2_and_20_arenas(
    client, people, django_assert_max_num_queries, size
):
    fill(people, size)
    sign_in(client, people.facilitator)

    with django_assert_max_num_queries(HOME_BUDGET):
        response = client.get("/")

    assertContains(response, "1 request to join", count=size)
    assertContains(response, "1 flag to review", count=size)
    assertContains(response, '<dd class="arena-news">1 unread notification</dd>', count=size)
    assertContains(response, "is past its end date")
    assertContains(response, "You are invited to “Invited to”")


@pytest.mark.parametrize("size", [2, 20])
def test_exactly_the_same_count_at_both_sizes(client, people, django_assert_num_queries, size):
    """Not just under the cap: the same number (the cap would hide one query per arena at small sizes)."""
    fill(people, size)
    sign_in(client, people.facilitator)
    client.get("/")  # the session and caches settle

    with django_assert_num_queries(HOME_EXACT):
        client.get("/")


HOME_EXACT = 14
