"""Query budgets of the prototypes API: the list costs the same for 5 and 40 prototypes, and a prototype's
detail and its timeline the same for a short and a long history (teams, rounds, feedback, sources)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from arenas.deliberation.services.posts import post_create
from arenas.deliberation.services.threads import thread_create
from arenas.prototypes.models import TeamMember
from arenas.prototypes.services.evidence import feedback_submit
from arenas.prototypes.services.iterations import iteration_create, iteration_set_status
from arenas.prototypes.services.prototypes import prototype_transition
from arenas.prototypes.stages import Stage
from tests.arenas.api_helpers import auth, member_of
from tests.arenas.prototypes.api_helpers import list_url, url
from tests.factories import PrototypeFactory

pytestmark = pytest.mark.django_db

LIST_BUDGET = 10
DETAIL_BUDGET = 16
TIMELINE_BUDGET = 13


# --- query budgets ---------------------------------------------------------------------------------------------


def count_queries(client, path, headers) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path, {"page_size": 100}, **headers)
    assert response.status_code == 200, response.content
    return len(queries)


def add_prototypes(arena, count):
    for _n in range(count):
        prototype = PrototypeFactory(arena=arena)
        lead = prototype.team.get().user
        TeamMember.objects.create(prototype=prototype, user=member_of(arena, stakeholder_type="business"))
        iteration = iteration_create(prototype=prototype, actor=lead, goal="Try it")
        iteration_set_status(iteration=iteration, actor=lead, status="running")
        feedback_submit(prototype=prototype, author=member_of(arena), rating=4, would_use="yes")


def test_the_list_costs_the_same_for_5_and_40_prototypes(client, arena, citizen):
    headers = auth(citizen)
    add_prototypes(arena, 5)
    small = count_queries(client, list_url(arena), headers)
    add_prototypes(arena, 35)
    large = count_queries(client, list_url(arena), headers)

    assert len(client.get(list_url(arena), {"page_size": 100}).json()["results"]) == 40
    assert small == large <= LIST_BUDGET, (small, large)


def grow_history(prototype, actor, rounds):
    """``rounds`` times: design → testing → evaluation → design, with a round done and feedback."""
    arena = prototype.arena
    for _n in range(rounds):
        prototype_transition(prototype=prototype, actor=actor, to_stage=Stage.DESIGN)
        iteration = iteration_create(prototype=prototype, actor=actor, goal="Try it", learnings="We learnt")
        iteration_set_status(iteration=iteration, actor=actor, status="running")
        iteration_set_status(iteration=iteration, actor=actor, status="done")
        prototype_transition(prototype=prototype, actor=actor, to_stage=Stage.TESTING)
        prototype_transition(prototype=prototype, actor=actor, to_stage=Stage.EVALUATION)
        member = member_of(arena, stakeholder_type="expert")
        TeamMember.objects.create(prototype=prototype, user=member)
        feedback_submit(prototype=prototype, author=member_of(arena), rating=3, would_use="unsure")
        thread = thread_create(arena=arena, author=member, title="More", kind="idea")
        prototype.sources.create(thread=thread, post=post_create(thread=thread, author=member, body="Yes"))


@pytest.mark.parametrize("path", ["", "timeline/"])
def test_the_detail_and_the_timeline_cost_the_same_for_a_short_and_a_long_history(
    client, arena, prototype, citizen, facilitator, path
):
    headers = auth(citizen)
    prototype_transition(prototype=prototype, actor=citizen, to_stage=Stage.DESIGN)
    prototype_transition(prototype=prototype, actor=citizen, to_stage=Stage.TESTING)
    prototype_transition(prototype=prototype, actor=citizen, to_stage=Stage.EVALUATION)
    grow_history(prototype, facilitator, 1)
    small = count_queries(client, url(prototype, path), headers)
    grow_history(prototype, facilitator, 12)
    large = count_queries(client, url(prototype, path), headers)

    budget = TIMELINE_BUDGET if path else DETAIL_BUDGET
    assert small == large <= budget, (small, large)
    if path:
        assert (
            client.get(url(prototype, path), {"page_size": 100}).json()["count"] == 3 + 13 * 6
        )  # per round: three moves, and the round added, started and done; the factory records no creation
