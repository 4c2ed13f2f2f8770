"""Moving a prototype between stages through the API, and its timeline: a citizen takes a prototype to
evaluation and a convener adopts it (the team and the arena are told); a jump the table does not allow,
a decision without a reason, an unknown stage and a closed arena are refused; only the team, facilitators
and conveners move a prototype; the timeline lists stage moves and rounds in time order."""

from datetime import timedelta

import pytest
from django.utils import timezone

from arenas.models import Arena, Role
from arenas.prototypes.models import Iteration, Prototype, StageTransition
from arenas.prototypes.services.prototypes import prototype_transition
from arenas.prototypes.services.team import team_request_create, team_request_decide
from platform_core.notifications.models import Notification
from tests.arenas.api_helpers import auth, member_of
from tests.arenas.prototypes.api_helpers import HYPOTHESIS, error_message, list_url, post, url
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def move(client, prototype, user, to, reason=""):
    return post(client, url(prototype, "transitions/"), {"to": to, "reason": reason}, user)


@pytest.fixture
def convener(arena):
    return member_of(arena, Role.CONVENER, stakeholder_type="public_employee")


# --- Done when -------------------------------------------------------------------------------------------------


def test_a_citizen_takes_a_prototype_to_evaluation_and_a_convener_adopts_it(client, arena, citizen, convener):
    teammate = member_of(arena, stakeholder_type="business")
    bystander = member_of(arena)

    created = post(
        client,
        list_url(arena),
        {"title": "Walking bus pilot", "summary": "Parents take turns.", "hypothesis": HYPOTHESIS},
        citizen,
    )
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["stage"] == "idea"
    assert body["lead"] == {"handle": "citizen", "display_name": citizen.name}
    assert created["Location"] == url(body["id"])
    prototype = Prototype.objects.get(pk=body["id"])
    team_request_decide(
        request=team_request_create(prototype=prototype, user=teammate), actor=citizen, accept=True
    )

    for stage in ["design", "testing", "evaluation"]:
        response = move(client, prototype, citizen, stage)
        assert response.status_code == 200, response.content
        assert response.json()["stage"] == stage

    refused = move(client, prototype, citizen, "adopted", "It works.")
    assert refused.status_code == 403
    assert refused.json()["error"] == {
        "status": 403,
        "code": "permission_denied",
        "message": "Only conveners decide adopted, scaled and abandoned.",
    }

    adopted = move(client, prototype, convener, "adopted", "Car drop-offs fell by 40% over six weeks.")
    assert adopted.status_code == 200, adopted.content
    assert adopted.json()["stage"] == "adopted"
    assert adopted.json()["transition"]["from_stage"] == "evaluation"
    assert adopted.json()["transition"]["reason"] == "Car drop-offs fell by 40% over six weeks."
    assert adopted.json()["transition"]["actor"]["handle"] == convener.handle

    steps = client.get(url(prototype, "timeline/"), **auth(citizen)).json()["results"]
    assert [(s["transition"]["from_stage"], s["transition"]["to_stage"]) for s in steps] == [
        (None, "idea"),
        ("idea", "design"),
        ("design", "testing"),
        ("testing", "evaluation"),
        ("evaluation", "adopted"),
    ]
    assert [s["transition"]["actor"]["handle"] for s in steps] == [citizen.handle] * 4 + [convener.handle]

    def events(user):
        return list(Notification.objects.filter(recipient=user).values_list("event", flat=True))

    assert events(teammate).count("prototypes.stage_changed") == 4
    assert events(citizen).count("prototypes.stage_changed") == 1  # the convener's decision
    assert "prototypes.decision" in events(bystander)


def test_a_jump_the_table_does_not_allow_is_400_for_anyone(client, prototype, citizen, convener):
    for user in (citizen, convener):
        response = move(client, prototype, user, "scaled", "Straight to scale.")

        assert response.status_code == 400
        assert response.json()["error"]["fields"] == {"to": ["A prototype cannot move from Idea to Scaled."]}
    prototype.refresh_from_db()
    assert prototype.stage == "idea"


def test_a_decision_needs_a_reason(client, prototype, convener):
    for stage in ["design", "testing", "evaluation"]:
        assert move(client, prototype, convener, stage).status_code == 200

    response = move(client, prototype, convener, "abandoned", "   ")

    assert response.status_code == 400
    assert list(response.json()["error"]["fields"]) == ["reason"]


def test_only_the_team_facilitators_and_conveners_move_a_prototype(client, arena, prototype, facilitator):
    other_participant = member_of(arena)

    refused = move(client, prototype, other_participant, "design")
    assert refused.status_code == 403
    assert "team" in error_message(refused)
    assert move(client, prototype, facilitator, "design").status_code == 200
    assert move(client, prototype, UserFactory(), "testing").status_code == 403
    assert client.post(url(prototype, "transitions/"), {"to": "testing"}).status_code == 401


def test_an_unknown_stage_is_400_naming_to(client, prototype, citizen):
    response = move(client, prototype, citizen, "launched")

    assert response.status_code == 400
    assert list(response.json()["error"]["fields"]) == ["to"]


def test_a_closed_arena_is_read_only(client, arena, prototype, citizen):
    arena.status = Arena.Status.CLOSED
    arena.save(update_fields=["status"])

    response = move(client, prototype, citizen, "design")

    assert response.status_code == 403
    assert error_message(response) == "This arena is closed: it is read-only."
    assert client.get(url(prototype), **auth(citizen)).status_code == 200


# --- the timeline ----------------------------------------------------------------------------------------------


def test_the_timeline_lists_stage_moves_and_rounds_in_time_order(client, prototype, citizen):
    start = timezone.now() - timedelta(days=30)
    StageTransition.objects.filter(prototype=prototype).delete()
    StageTransition.objects.create(prototype=prototype, to_stage="idea", actor=citizen, created=start)
    prototype_transition(prototype=prototype, actor=citizen, to_stage="design")
    StageTransition.objects.filter(to_stage="design").update(created=start + timedelta(days=1))
    iteration = Iteration.objects.create(
        prototype=prototype, number=1, goal="Does anyone walk?", created=start + timedelta(days=2)
    )
    iteration.learnings = "Parents want a rota."
    iteration.decision = "iterate"
    iteration.status = "done"
    iteration.done_at = start + timedelta(days=9)
    iteration.save()
    StageTransition.objects.create(
        prototype=prototype,
        from_stage="design",
        to_stage="testing",
        actor=citizen,
        reason="Ready",
        created=start + timedelta(days=5),
    )

    response = client.get(url(prototype, "timeline/"))

    assert response.status_code == 200
    steps = response.json()["results"]
    assert [(s["kind"], (s["transition"] or {}).get("to_stage")) for s in steps] == [
        ("transition", "idea"),
        ("transition", "design"),
        ("iteration", None),
        ("transition", "testing"),
        ("iteration_done", None),
    ]
    assert steps[3]["transition"]["reason"] == "Ready"
    assert steps[4]["iteration"]["learnings"] == "Parents want a rota."
    assert steps[4]["iteration"]["decision"] == "iterate"
    assert steps[2]["iteration"]["number"] == 1
    assert [s["when"] for s in steps] == sorted(s["when"] for s in steps)
