"""Query budgets: the board, the portfolio and a prototype's page cost the same number of queries with a
few rows as with many (teams of three, running rounds, feedback, measurements)."""

from datetime import date, timedelta

import pytest
from django.urls import reverse

from arenas.models import Role
from arenas.prototypes.models import Feedback, Indicator, Iteration, Measurement, StageTransition, TeamMember
from tests.factories import MembershipFactory, PrototypeFactory, UserFactory

from .pages_helpers import board_url, detail_url, sign_in, world

pytestmark = pytest.mark.django_db

BOARD_BUDGET = 12  # measured: 7 signed out, 12 signed in, at 5 and at 40 prototypes
PORTFOLIO_BUDGET = 14  # measured: 13 (14 with the arena filter) at 5 and at 40
DETAIL_BUDGET = 29  # measured: 20 signed out, 27–28 signed in, at 2 rounds / 3 feedback and at 30 / 60, before the panels other parts add; "From session" and decisions add one query each
STAGES = ["idea", "design", "testing", "evaluation", "paused", "adopted"]


@pytest.fixture
def people():
    return world()


def fill_arena(people, arena, count: int, *, viewer):
    """``count`` prototypes in several stages, each with a team of three (the viewer on it), a running round
    and two pieces of feedback."""
    members = [
        MembershipFactory(arena=arena, role=Role.PARTICIPANT, stakeholder_type=kind).user
        for kind in ["business", "expert", "service_user"]
    ]
    for n in range(count):
        prototype = PrototypeFactory(arena=arena, lead=members[n % 3], title=f"Prototype {n}")
        prototype.stage = STAGES[n % len(STAGES)]
        prototype.save(update_fields=["stage"])
        TeamMember.objects.bulk_create(
            [
                TeamMember(prototype=prototype, user=viewer),
                TeamMember(prototype=prototype, user=members[(n + 1) % 3]),
            ]
        )
        Iteration.objects.create(prototype=prototype, number=1, goal="Try it", status="running")
        Feedback.objects.bulk_create(
            [
                Feedback(prototype=prototype, author=members[0], rating=4, would_use="yes"),
                Feedback(prototype=prototype, author=members[1], rating=2, would_use="no"),
            ]
        )


@pytest.mark.parametrize("size", [5, 40])
@pytest.mark.parametrize("role", ["anonymous", "teammate", "convener"])
def test_the_board_stays_within_its_budget(client, people, django_assert_max_num_queries, size, role):
    arena = people.public.arena
    fill_arena(people, arena, size, viewer=people.teammate)
    sign_in(client, getattr(people, role))

    with django_assert_max_num_queries(BOARD_BUDGET):
        response = client.get(board_url(arena))

    assert response.status_code == 200
    assert response.content.decode().count('class="card prototype-card"') == size + 1
    movable = sum(1 for n in range(size) if STAGES[n % len(STAGES)] != "adopted")
    assert response.content.decode().count('class="move-form"') == (0 if role == "anonymous" else movable + 1)


@pytest.mark.parametrize("size", [5, 40])
def test_the_portfolio_stays_within_its_budget(client, people, django_assert_max_num_queries, size):
    fill_arena(people, people.public.arena, size // 2, viewer=people.teammate)
    fill_arena(people, people.private.arena, size - size // 2, viewer=people.teammate)
    sign_in(client, people.teammate)
    url = reverse("arenas:organisation", args=[people.organisation.slug])

    with django_assert_max_num_queries(PORTFOLIO_BUDGET):
        response = client.get(url + "?arena=routes-private")

    assert response.status_code == 200
    assert response.content.decode().count('class="card h-100 portfolio-card"') == min(
        size - size // 2 + 1, 24
    )


def fill_prototype(people, prototype, rounds: int, feedback: int):
    authors = [UserFactory() for _ in range(feedback)]
    for user in authors:
        MembershipFactory(arena=prototype.arena, user=user)
    iterations = Iteration.objects.bulk_create(
        [
            Iteration(
                prototype=prototype, number=n + 1, goal=f"Round {n + 1}", status="done", learnings="Learnt"
            )
            for n in range(rounds)
        ]
    )
    Feedback.objects.bulk_create(
        [
            Feedback(
                prototype=prototype,
                author=user,
                rating=1 + n % 5,
                would_use="yes",
                comment="Good",
                iteration=iterations[n % rounds],
            )
            for n, user in enumerate(authors)
        ]
    )
    StageTransition.objects.bulk_create(
        [
            StageTransition(
                prototype=prototype,
                from_stage="idea",
                to_stage="design",
                actor=people.lead,
                reason=f"Step {n}",
            )
            for n in range(rounds)
        ]
    )
    for n in range(max(1, rounds // 5)):
        indicator = Indicator.objects.create(prototype=prototype, name=f"Indicator {n}", baseline=1, target=9)
        Measurement.objects.bulk_create(
            [
                Measurement(indicator=indicator, date=date(2026, 1, 1) + timedelta(days=d), value=d)
                for d in range(rounds)
            ]
        )
    TeamMember.objects.bulk_create([TeamMember(prototype=prototype, user=user) for user in authors[:rounds]])


@pytest.mark.parametrize(("rounds", "feedback"), [(2, 3), (30, 60)])
@pytest.mark.parametrize("role", ["anonymous", "lead", "participant", "convener"])
def test_a_prototype_page_stays_within_its_budget(
    client, people, django_assert_max_num_queries, rounds, feedback, role
):
    prototype = people.public.prototype
    fill_prototype(people, prototype, rounds, feedback)
    sign_in(client, getattr(people, role))

    with django_assert_max_num_queries(DETAIL_BUDGET):
        response = client.get(detail_url(prototype))

    assert response.status_code == 200
    assert f'id="iteration-{rounds}"' in response.content.decode()
