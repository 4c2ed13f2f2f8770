"""Query budgets of the map's pages at two sizes: the outcomes page (its map half) and the arena page
with a map (which costs what it costs without one)."""

import pytest

from arenas.models import StakeholderType
from tests.arenas.members_helpers import page_text

from .map_helpers import member

pytestmark = pytest.mark.django_db


OUTCOMES_BUDGET = (
    13  # the whole page's (tests/arenas/outcomes/test_decisions_budgets.py); measured 12 without decisions
)


@pytest.mark.parametrize("size", [2, 30])
def test_the_outcomes_page_costs_the_same_queries_at_two_sizes(
    client, mapped, convener, django_assert_max_num_queries, size
):
    for i in range(size):
        member(mapped, stakeholder_type=[StakeholderType.RESIDENT, StakeholderType.EXPERT][i % 2])
    client.force_login(convener)

    with django_assert_max_num_queries(OUTCOMES_BUDGET):
        response = client.get(f"/arenas/{mapped.slug}/outcomes/")

    assert "Make a join link for Business" in page_text(response)


ARENA_BUDGET = 13  # the arena page's budget (tests/arenas/test_pages_arena.py): a map costs it nothing


@pytest.mark.parametrize("size", [5, 60])
def test_the_arena_page_with_a_map_costs_the_same_queries_at_two_sizes(
    client, mapped, participant, django_assert_max_num_queries, size
):
    for i in range(size):
        member(mapped, stakeholder_type=[StakeholderType.RESIDENT, StakeholderType.BUSINESS][i % 2])
    client.force_login(participant)

    with django_assert_max_num_queries(ARENA_BUDGET):
        response = client.get(mapped.get_absolute_url())

    assert "joined against the target" in page_text(response)
