"""Finishing a round asks for its learnings and the decision in the same form, shown without JavaScript (a
<details>): without learnings nothing changes and the form comes back with what was typed; with them the
round is done, and learnings, outcome and decision are saved in one go."""

import pytest
from pytest_django.asserts import assertContains, assertNotContains

from arenas.prototypes.models import Iteration
from arenas.prototypes.services.iterations import iteration_create
from platform_core.notifications.models import Notification

from .pages_helpers import action_url, detail_url, html, sign_in, world

pytestmark = pytest.mark.django_db


@pytest.fixture
def people():
    return world()


@pytest.fixture
def running(people):
    prototype = people.public.prototype
    iteration = iteration_create(
        prototype=prototype, actor=people.lead, goal="Do parents sign up?", status="running"
    )
    return iteration


def round_html(response, number=1) -> str:
    return html(response).split(f'id="iteration-{number}"')[1].split("</article>")[0]


def test_a_running_round_shows_the_finish_form_with_learnings_and_decision(client, people, running):
    sign_in(client, people.lead)

    page = round_html(client.get(detail_url(people.public.prototype)))

    assert '<details class="finish-round mt-2" id="finish-1">' in page
    assert f'action="{action_url("iteration-finish", people.public.prototype, 1)}"' in page
    assert 'name="learnings"' in page
    for decision in ["iterate", "pivot", "scale", "stop"]:
        assert f'type="radio" name="decision" value="{decision}"' in page
    assert "Finish round 1 with these learnings" in page


def test_finishing_without_learnings_keeps_what_was_typed_and_changes_nothing(client, people, running):
    sign_in(client, people.lead)

    response = client.post(
        action_url("iteration-finish", people.public.prototype, 1),
        {"outcome": "Nine families came", "learnings": "   ", "decision": "pivot"},
    )

    assert response.status_code == 200
    page = round_html(response)
    assert '<details class="finish-round mt-2" id="finish-1" open>' in page
    assert "Write down what the round taught you before closing it." in page
    assert 'href="#finish-1-learnings"' in page
    assert 'value="pivot" class="form-check-input" id="finish-1-decision_1" required checked' in page
    assert "Nine families came</textarea>" in page
    running.refresh_from_db()
    assert (running.status, running.outcome, running.learnings, running.decision) == ("running", "", "", "")
    assert not Notification.objects.filter(event="prototypes.iteration_done").exists()


def test_finishing_without_a_decision_keeps_the_learnings(client, people, running):
    sign_in(client, people.lead)

    response = client.post(
        action_url("iteration-finish", people.public.prototype, 1), {"learnings": "Mornings work"}
    )

    assertContains(response, "Choose what comes next: iterate, pivot, scale or stop.")
    assertContains(response, "Mornings work</textarea>")
    assert Iteration.objects.get(pk=running.pk).status == "running"


def test_finishing_with_learnings_saves_everything_and_closes_the_round(client, people, running):
    prototype = people.public.prototype
    sign_in(client, people.lead)

    response = client.post(
        action_url("iteration-finish", prototype, 1),
        {
            "outcome": "14 families signed up",
            "learnings": "Mornings work, afternoons do not",
            "decision": "iterate",
        },
    )

    assert response.status_code == 302
    assert response["Location"].endswith("#iteration-1")
    running.refresh_from_db()
    assert running.status == "done" and running.done_at is not None
    assert running.learnings == "Mornings work, afternoons do not"
    assert (running.outcome, running.decision) == ("14 families signed up", "iterate")
    page = client.get(response["Location"])
    assertContains(page, "Round 1 is done.")
    round_one = round_html(page)
    assert "Mornings work, afternoons do not" in round_one
    assert "<dd>Iterate</dd>" in round_one
    assert "finish-round" not in round_one
    assert Notification.objects.filter(event="prototypes.iteration_done", recipient=people.teammate).exists()


def test_only_the_team_may_finish_a_round(client, people, running):
    sign_in(client, people.participant)
    prototype = people.public.prototype

    assertNotContains(client.get(detail_url(prototype)), "finish-round")
    response = client.post(
        action_url("iteration-finish", prototype, 1), {"learnings": "Mine", "decision": "stop"}
    )

    assert response.status_code == 403
    assert Iteration.objects.get(pk=running.pk).status == "running"


def test_a_planned_round_cannot_be_finished_with_the_form(client, people):
    prototype = people.public.prototype
    iteration_create(prototype=prototype, actor=people.lead, goal="Later")
    sign_in(client, people.lead)

    assertNotContains(client.get(detail_url(prototype)), "finish-round")
