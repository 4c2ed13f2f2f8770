"""Query budgets: the sessions list and a session's page cost the same number of queries with a few rows
as with many (3 or 30 sessions; 5 or 500 registrations seen by a facilitator, with attendance, walk-ins,
minutes and what came of them)."""

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from arenas.models import Membership, StakeholderType
from arenas.sessions.models import Attendance, Registration, Session
from arenas.sessions.services.minutes import minutes_save, thread_from_minutes

from .pages_helpers import create, detail_url, html, list_url, sign_in, world

pytestmark = pytest.mark.django_db

LIST_BUDGET = 12  # measured: 5 signed out, 12 signed in, at 3 and at 30
DETAIL_BUDGET = 17  # measured: 16 for a participant, 17 for a facilitator, at 5 and at 500
KINDS = StakeholderType.values


@pytest.fixture
def people():
    return world()


def queries_for(client, path: str) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200
    return len(captured.captured_queries), html(response)


def fill_arena(people, count: int):
    arena = people.public.arena
    for n in range(count):
        create(arena, people.facilitator, title=f"Walk {n}", hours_ahead=(n - count // 2) * 24 + 1)


def fill_session(session, count: int, *, people):
    """``count`` members registered (the last third waiting), half of them present, and two walk-ins."""
    User = get_user_model()
    users = User.objects.bulk_create(
        [
            User(
                email=f"p{session.pk}-{n}@example.org",
                handle=f"p{session.pk}-{n}",
                display_name=f"Person {n}",
            )
            for n in range(count)
        ]
    )
    Membership.objects.bulk_create(
        [
            Membership(arena=session.arena, user=u, stakeholder_type=KINDS[n % len(KINDS)])
            for n, u in enumerate(users)
        ]
    )
    seated = count * 2 // 3
    now = timezone.now()
    Registration.objects.bulk_create(
        [
            Registration(
                session=session,
                user=u,
                status="registered" if n < seated else "waiting",
                access_needs=f"Needs {n}",
                created=now + timedelta(seconds=n),
            )
            for n, u in enumerate(users)
        ]
    )
    Session.objects.filter(pk=session.pk).update(capacity=seated)
    Attendance.objects.bulk_create(
        [
            Attendance(session=session, user=u, stakeholder_type=KINDS[n % len(KINDS)])
            for n, u in enumerate(users[: count // 2])
        ]
        + [Attendance(session=session, name=f"Walk-in {n}") for n in range(2)]
    )
    minutes_save(session=session, actor=people.facilitator, body="- First")
    minutes_save(session=session, actor=people.facilitator, body="- First\n- Second")
    thread_from_minutes(session=session, actor=people.facilitator, title="Second point")


@pytest.mark.parametrize("who", ["anonymous", "participant", "facilitator"])
def test_the_list_costs_the_same_with_3_and_30_sessions(client, people, who):
    sign_in(client, getattr(people, who))
    fill_arena(people, 2)  # 3 with the world's
    few, page = queries_for(client, list_url(people.public.arena))
    assert page.count('class="list-group-item py-3 session-item"') == 3

    fill_arena(people, 27)
    many, page = queries_for(client, list_url(people.public.arena))

    assert page.count('class="list-group-item py-3 session-item"') == 30
    assert few == many <= LIST_BUDGET


def test_a_facilitator_s_session_page_costs_the_same_with_5_and_500_registrations(client, people):
    arena = people.public.arena
    small = create(arena, people.facilitator, title="Small walk", hours_ahead=-1)
    large = create(arena, people.facilitator, title="Large walk", hours_ahead=-1)
    fill_session(small, 5, people=people)
    fill_session(large, 500, people=people)
    sign_in(client, people.facilitator)

    few, small_page = queries_for(client, detail_url(small))
    many, large_page = queries_for(client, detail_url(large))

    assert "Needs 4" in small_page and "Needs 499" in large_page
    assert "Walk-in 1" in large_page and "1 earlier version" in large_page and "Second point" in large_page
    assert "252 people came." in large_page
    assert few == many <= DETAIL_BUDGET


def test_a_participant_s_session_page_costs_the_same_with_5_and_500_registrations(client, people):
    arena = people.public.arena
    small = create(arena, people.facilitator, title="Small walk")
    large = create(arena, people.facilitator, title="Large walk")
    fill_session(small, 5, people=people)
    fill_session(large, 500, people=people)
    sign_in(client, people.participant)

    few, _page = queries_for(client, detail_url(small))
    many, page = queries_for(client, detail_url(large))

    assert "Needs 499" not in page
    assert few == many <= DETAIL_BUDGET
