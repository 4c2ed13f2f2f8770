"""The hourly digest job's queries keep one shape however many people are due: the due query's text and
plan, and the lookup of a batch's runs, are the same for 20 people and for 200 (they grew with the
people once: an OR of one condition per person)."""

import json
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from platform_core.notifications import digests
from platform_core.notifications.services import notify
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def node_types(plan: dict) -> list[str]:
    """The plan's operations, depth first (estimates and costs left out)."""
    return [plan["Node Type"], *(t for child in plan.get("Plans", []) for t in node_types(child))]


def plan_of(sql: str, params) -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (FORMAT JSON) {sql}", params)
        raw = cursor.fetchone()[0]
    return node_types((json.loads(raw) if isinstance(raw, str) else raw)[0]["Plan"])


@pytest.fixture
def due_at():
    """Tomorrow at 07:00 UTC: the default digest hour, for people in UTC."""
    return timezone.now().replace(hour=7, minute=0, second=0, microsecond=0) + timedelta(days=1)


def shapes(count, due_at):
    if connection.vendor != "postgresql":
        pytest.skip("EXPLAIN (FORMAT JSON) is PostgreSQL's")
    notify(
        recipients=UserFactory.create_batch(count, time_zone="UTC"), event="test.digest", target_title="News"
    )
    due = digests.users_due(now=due_at)
    sql, params = due.query.sql_with_params()
    assert len(list(due)) >= count
    with CaptureQueriesContext(connection) as queries:
        runs = digests.digest_runs_create_due(now=due_at)
    lookup = next(
        q["sql"] for q in queries.captured_queries if q["sql"].startswith('SELECT "notifications_digestrun"')
    )
    return sql, plan_of(sql, params), len(queries), lookup.count(" IN ("), len(runs)


def test_the_due_query_and_the_runs_keep_their_shape_at_any_size(due_at):
    small_sql, small_plan, small_queries, small_lists, small_runs = shapes(20, due_at)
    digests.DigestRun.objects.all().delete()
    big_sql, big_plan, big_queries, big_lists, big_runs = shapes(200, due_at)

    assert (small_runs, big_runs) == (20, 220)  # the first twenty are due again: their runs were deleted
    assert big_sql == small_sql  # the due query does not name anyone
    assert big_plan == small_plan
    assert big_queries == small_queries  # one batch of runs either way
    assert big_lists == small_lists == 2  # the runs found by two IN lists, not a condition per person
