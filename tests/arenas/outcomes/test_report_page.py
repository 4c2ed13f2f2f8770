"""The printable report: the problem, the people against the map, the decisions, prototypes with their
rounds and indicators, and the sessions; the same queries however much the arena holds."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from arenas.models import Arena, StakeholderType
from arenas.outcomes.models import Decision
from arenas.prototypes.models import Indicator, Iteration, Measurement
from arenas.sessions.models import Attendance, Registration, Session
from tests.arenas.members_helpers import page_text
from tests.factories import ArenaFactory, PrototypeFactory, UserFactory

from .map_helpers import member

pytestmark = pytest.mark.django_db


def report(arena):
    return f"/arenas/{arena.slug}/report/"


def fill(arena, convener, n: int):
    """``n`` of everything the report lists: members, prototypes (each with two rounds and an indicator
    measured twice), sessions (with registrations and attendance) and decisions."""
    for i in range(n):
        person = member(arena, stakeholder_type=[StakeholderType.RESIDENT, StakeholderType.EXPERT][i % 2])
        prototype = PrototypeFactory(arena=arena, title=f"Walking bus {i}", lead=person)
        for number in (1, 2):
            Iteration.objects.create(
                prototype=prototype, number=number, goal=f"Round {number} goal", learnings="Kids like it 🚸"
            )
        indicator = Indicator.objects.create(
            prototype=prototype,
            name="Cars at the gate",
            unit="cars",
            baseline=Decimal("40"),
            target=Decimal("25"),
        )
        Measurement.objects.create(indicator=indicator, date=date(2026, 10, 1), value=Decimal("35"))
        Measurement.objects.create(indicator=indicator, date=date(2026, 11, 1), value=Decimal("31.5"))
        starts = timezone.now() - timedelta(days=i + 1)
        session = Session.objects.create(
            arena=arena, title=f"Workshop {i}", starts_at=starts, ends_at=starts + timedelta(hours=2)
        )
        Registration.objects.create(session=session, user=person, status=Registration.Status.REGISTERED)
        Attendance.objects.create(session=session, user=person)
        Decision.objects.create(
            arena=arena,
            prototype=prototype,
            outcome=Decision.Outcome.ADOPTED,
            reason="تم اعتماده",
            decided_by=convener,
        )


def test_the_report_says_the_problem_people_decisions_prototypes_and_sessions(client, mapped, convener):
    fill(mapped, convener, 1)

    text = page_text(client.get(report(mapped)))

    assert mapped.title in text and mapped.organisation.name in text
    assert "The groups the arena needs, against who has joined" in text
    assert "Parents of pupils at Northbridge East" in text and "Missing" in text
    assert "Prototype: <a href=" in text and "Adopted" in text and '<td dir="auto">تم اعتماده' in text
    assert "Test rounds of Walking bus 0" in text and "Kids like it 🚸" in text
    assert "Indicators of Walking bus 0" in text and "31.5" in text and "Cars at the gate (cars)" in text
    assert "Workshop 0" in text
    assert 'href="/static/css/outcomes.css"' in text or "outcomes.css" in text
    assert "Print this report" in text


def test_the_outcomes_page_links_to_the_report(client, mapped):
    assert f'href="{report(mapped)}"' in page_text(client.get(f"/arenas/{mapped.slug}/outcomes/"))


def test_a_private_arenas_report_is_a_404_to_outsiders_and_readable_by_members(client):
    private = ArenaFactory(visibility=Arena.Visibility.PRIVATE)
    client.force_login(UserFactory())
    assert client.get(report(private)).status_code == 404
    client.force_login(member(private))
    assert client.get(report(private)).status_code == 200


REPORT_BUDGET = 15  # measured: 15 (session, user, arena + phases + topics, membership, map 3, decisions, prototypes + rounds + indicators, sessions, …)


@pytest.mark.parametrize("size", [2, 12])
def test_the_report_costs_the_same_queries_at_two_sizes(
    client, mapped, convener, django_assert_max_num_queries, size
):
    fill(mapped, convener, size)
    client.force_login(convener)

    with django_assert_max_num_queries(REPORT_BUDGET):
        response = client.get(report(mapped))

    assert page_text(response).count("Cars at the gate (cars)") == size
