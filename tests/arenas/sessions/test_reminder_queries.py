"""Reminders for many seats are found in one query and told in batches: the queries do not grow with the
number of people registered."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from arenas.models import Membership, Role
from arenas.sessions.models import Registration, Reminder
from arenas.sessions.services.reminders import reminders_send
from tests.factories import UserFactory

from .conftest import make_session

pytestmark = pytest.mark.django_db


def seat(session, people: int) -> None:
    users = UserFactory.create_batch(people, consented=False, verified=False)
    Membership.objects.bulk_create(
        [Membership(arena=session.arena, user=u, role=Role.PARTICIPANT) for u in users]
    )
    Registration.objects.bulk_create(
        [Registration(session=session, user=u, status=Registration.Status.REGISTERED) for u in users]
    )


def queries_to_remind(arena, facilitator, people: int) -> int:
    day_ahead = make_session(arena, facilitator, hours_ahead=20, capacity=None)
    hour_ahead = make_session(arena, facilitator, hours_ahead=0.5, capacity=None, title="Soon")
    seat(day_ahead, people)
    seat(hour_ahead, people)
    with CaptureQueriesContext(connection) as captured:
        told = reminders_send()
    assert told == 2 * people
    assert Reminder.objects.filter(session=day_ahead, kind="24h").count() == people
    assert Reminder.objects.filter(session=hour_ahead, kind="1h").count() == people
    Reminder.objects.all().delete()
    day_ahead.delete()
    hour_ahead.delete()
    return len(captured)


def test_reminding_5_or_60_people_costs_the_same_queries(arena, facilitator):
    assert queries_to_remind(arena, facilitator, 5) == queries_to_remind(arena, facilitator, 60)


def test_running_twice_tells_nobody_twice(arena, facilitator):
    session = make_session(arena, facilitator, hours_ahead=10, capacity=None)
    seat(session, 3)

    assert reminders_send() == 3
    assert reminders_send() == 0
    assert reminders_send(now=session.starts_at - timedelta(minutes=50)) == 3  # the hour's, once
    assert reminders_send(now=session.starts_at - timedelta(minutes=40)) == 0
