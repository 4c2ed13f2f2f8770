"""Query budgets: the outcomes page, the API list and a thread page with a decision panel cost the same
with a few decisions as with many (2 or 120 on the arena; 1 or 30 on the thread)."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from rest_framework.test import APIClient

from arenas.outcomes.models import Decision
from tests.arenas.pages_helpers import sign_in

from .decisions_helpers import world

pytestmark = pytest.mark.django_db

# Both halves of the page (the map: groups, invitations, members by type; the decisions: a count and a
# page). Measured 13 for a convener at 2 and 120 (session, user, arena, phases, topics, membership, org
# roles, unread count, and the halves' own).
OUTCOMES_PAGE_BUDGET = 13
API_LIST_BUDGET = 6  # measured: 5 anonymous, 6 convener, at 2 and 120
THREAD_PAGE_BUDGET = 17  # measured: 17 for a participant and a convener (with the form), at 1 and 30


@pytest.fixture
def people():
    return world()


def fill(people, count: int, subject: str = "both"):
    now = timezone.now()
    Decision.objects.bulk_create(
        [
            Decision(
                arena=people.arena,
                thread=people.thread if subject == "thread" or n % 2 else None,
                prototype=None if subject == "thread" or n % 2 else people.prototype,
                outcome=Decision.Outcome.values[n % 4],
                reason=f"Reason {n}",
                review_on=timezone.localdate() + timedelta(days=n),
                decided_by=people.convener if n % 3 else people.facilitator,
                created=now - timedelta(minutes=n),
            )
            for n in range(count)
        ]
    )


def counted(client, path: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200
    return len(captured.captured_queries)


@pytest.mark.parametrize("who", ["anonymous", "convener"])
@pytest.mark.parametrize("size", [2, 120])
def test_the_outcomes_page_costs_the_same_at_2_and_120(client, people, who, size):
    fill(people, size)
    sign_in(client, getattr(people, who))

    assert counted(client, f"/arenas/{people.arena.slug}/outcomes/?outcome=") <= OUTCOMES_PAGE_BUDGET


@pytest.mark.parametrize("who", ["anonymous", "convener"])
@pytest.mark.parametrize("size", [2, 120])
def test_the_api_list_costs_the_same_at_2_and_120(people, who, size):
    fill(people, size)
    client = APIClient()
    if who != "anonymous":
        client.force_authenticate(getattr(people, who))

    assert counted(client, f"/api/v1/arenas/{people.arena.slug}/decisions/") <= API_LIST_BUDGET


@pytest.mark.parametrize("who", ["participant", "convener"])
@pytest.mark.parametrize("size", [1, 30])
def test_a_thread_page_with_its_decisions_costs_the_same_at_1_and_30(client, people, who, size):
    fill(people, size, subject="thread")
    sign_in(client, getattr(people, who))

    assert counted(client, people.thread.get_absolute_url()) <= THREAD_PAGE_BUDGET
