"""The prototypes API: listing, creating and editing prototypes, moving them between stages, and their
timeline (rounds, feedback and indicators are in test_api_work.py). Calls go through the test client with
token authentication."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from arenas.deliberation.services.posts import post_create
from arenas.deliberation.services.threads import thread_create
from arenas.models import Arena, Role
from arenas.prototypes.models import Iteration, Prototype, StageTransition, TeamMember
from arenas.prototypes.services.evidence import feedback_submit
from arenas.prototypes.services.iterations import iteration_create, iteration_set_status
from arenas.prototypes.services.prototypes import prototype_transition
from arenas.prototypes.services.team import team_request_create, team_request_decide
from arenas.prototypes.stages import Stage
from platform_core.notifications.models import Notification
from tests.arenas.test_api import NOT_FOUND, auth, member_of
from tests.factories import ArenaFactory, MembershipFactory, PrototypeFactory, UserFactory

pytestmark = pytest.mark.django_db

HYPOTHESIS = (
    "We believe that a walking bus will result in fewer cars at the gate for families within 1 km; "
    "we will know when drop-offs by car fall by a third."
)
LIST_BUDGET = 10
DETAIL_BUDGET = 16
TIMELINE_BUDGET = 13


def list_url(arena) -> str:
    return f"/api/v1/arenas/{arena.slug}/prototypes/"


def url(prototype, tail: str = "") -> str:
    return f"/api/v1/prototypes/{getattr(prototype, 'pk', prototype)}/{tail}"


def post(client, path, payload, user=None):
    return client.post(path, payload, content_type="application/json", **(auth(user) if user else {}))


def patch(client, path, payload, user=None):
    return client.patch(path, payload, content_type="application/json", **(auth(user) if user else {}))


def move(client, prototype, user, to, reason=""):
    return post(client, url(prototype, "transitions/"), {"to": to, "reason": reason}, user)


def error_message(response) -> str:
    return response.json()["error"]["message"]


@pytest.fixture
def arena():
    return ArenaFactory(title="Safer school routes", slug="safer-school-routes")


@pytest.fixture
def citizen(arena):
    return MembershipFactory(
        arena=arena, role=Role.PARTICIPANT, stakeholder_type="resident", user__handle="citizen"
    ).user


@pytest.fixture
def convener(arena):
    return member_of(arena, Role.CONVENER, stakeholder_type="public_employee")


@pytest.fixture
def facilitator(arena):
    return member_of(arena, Role.FACILITATOR, stakeholder_type="public_employee")


@pytest.fixture
def prototype(arena, citizen):
    return PrototypeFactory(arena=arena, lead=citizen, title="Walking bus pilot")


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


# --- creating --------------------------------------------------------------------------------------------------


def test_create_links_the_threads_and_posts_it_came_from(client, arena, citizen):
    thread = thread_create(arena=arena, author=citizen, title="A walking bus?", kind="idea")
    other = thread_create(arena=arena, author=citizen, title="Crossings", kind="idea")
    reply = post_create(thread=other, author=citizen, body="Start at the sports hall")

    response = post(
        client,
        list_url(arena),
        {
            "title": "Walking bus pilot",
            "summary": "",
            "hypothesis": HYPOTHESIS,
            "problem_addressed": "Traffic at the gate",
            "topics": ["Mobility"],
            "source_threads": [thread.pk],
            "source_posts": [reply.pk],
        },
        citizen,
    )

    assert response.status_code == 201, response.content
    body = response.json()
    assert body["source_threads"] == [
        {"id": thread.pk, "title": "A walking bus?"},
        {"id": other.pk, "title": "Crossings"},
    ]
    assert body["source_posts"] == [
        {"id": reply.pk, "number": reply.number, "thread": other.pk, "thread_title": "Crossings"}
    ]
    assert body["topics"] == ["Mobility"]
    assert body["problem_addressed"] == "Traffic at the gate"
    assert body["team"] == [
        {"handle": "citizen", "display_name": citizen.name, "role": "lead", "stakeholder_type": "resident"}
    ]
    assert body["team_mix"] == [{"type": "resident", "label": "Resident", "count": 1}]
    assert body["can_change"] is True
    assert body["allowed_moves"] == ["design"]
    assert Prototype.objects.get(pk=body["id"]).created_by == citizen


def test_a_thread_of_another_arena_is_400_naming_source_threads(client, arena, citizen):
    elsewhere = ArenaFactory()
    thread = thread_create(arena=elsewhere, author=member_of(elsewhere), title="Elsewhere", kind="idea")

    response = post(
        client,
        list_url(arena),
        {"title": "Walking bus", "summary": "", "hypothesis": HYPOTHESIS, "source_threads": [thread.pk]},
        citizen,
    )

    assert response.status_code == 400
    assert list(response.json()["error"]["fields"]) == ["source_threads"]
    assert not Prototype.objects.exists()


def test_create_needs_a_title_and_a_hypothesis(client, arena, citizen):
    response = post(client, list_url(arena), {"title": "", "summary": ""}, citizen)

    assert response.status_code == 400
    assert set(response.json()["error"]["fields"]) == {"title", "hypothesis"}


def test_observers_and_outsiders_cannot_create(client, arena):
    payload = {"title": "Walking bus", "summary": "", "hypothesis": HYPOTHESIS}

    observer = post(client, list_url(arena), payload, member_of(arena, Role.OBSERVER))
    outsider = post(client, list_url(arena), payload, UserFactory())

    assert observer.status_code == outsider.status_code == 403
    assert "participants" in error_message(observer)
    assert client.post(list_url(arena), payload, content_type="application/json").status_code == 401
    assert not Prototype.objects.exists()


# --- reading ---------------------------------------------------------------------------------------------------


def test_the_list_filters_by_stage(client, arena, citizen):
    idea = PrototypeFactory(arena=arena, lead=citizen)
    design = PrototypeFactory(arena=arena, lead=citizen)
    prototype_transition(prototype=design, actor=citizen, to_stage="design")

    everything = client.get(list_url(arena)).json()
    designing = client.get(list_url(arena), {"stage": "design"}).json()

    assert [p["id"] for p in everything["results"]] == [design.pk, idea.pk]
    assert [p["id"] for p in designing["results"]] == [design.pk]
    assert client.get(list_url(arena), {"stage": "launched"}).status_code == 400


def test_the_detail_shows_the_team_running_round_and_feedback(client, arena, prototype, citizen, facilitator):
    TeamMember.objects.create(prototype=prototype, user=facilitator)
    iteration = iteration_create(prototype=prototype, actor=citizen, goal="Does anyone walk?")
    iteration_set_status(iteration=iteration, actor=citizen, status="running")
    feedback_submit(prototype=prototype, author=member_of(arena), rating=4, would_use="yes")
    feedback_submit(prototype=prototype, author=member_of(arena), rating=2, would_use="no")

    body = client.get(url(prototype)).json()

    assert body["title"] == "Walking bus pilot"
    assert body["arena"] == "safer-school-routes"
    assert body["stage"] == "idea"
    assert body["hypothesis"] == prototype.hypothesis
    assert [(m["role"], m["stakeholder_type"]) for m in body["team"]] == [
        ("lead", "resident"),
        ("member", "public_employee"),
    ]
    assert body["running_iteration"]["number"] == 1
    assert body["running_iteration"]["goal"] == "Does anyone walk?"
    assert body["feedback"]["count"] == 2
    assert body["feedback"]["mean"] == 3.0
    assert body["feedback"]["would_use_share"] == 0.5
    assert body["feedback_mean"] == 3.0
    assert body["url"].endswith(f"/arenas/safer-school-routes/prototypes/{prototype.pk}/")
    assert body["can_change"] is False  # anonymous
    assert body["allowed_moves"] == []
    assert {"created", "stage_changed_at", "source_threads", "source_posts", "summary"} <= set(body)


def test_a_private_arena_is_404_for_outsiders_on_every_endpoint(client, citizen):
    private = ArenaFactory(visibility=Arena.Visibility.PRIVATE)
    member = member_of(private)
    prototype = PrototypeFactory(arena=private, lead=member)
    iteration_create(prototype=prototype, actor=member, goal="Try it")
    indicator = prototype.indicators.create(name="Cars", baseline=100, target=60, direction="lower")
    outsider = UserFactory()
    reads = [
        list_url(private),
        url(prototype),
        url(prototype, "timeline/"),
        url(prototype, "iterations/"),
        url(prototype, "iterations/1/"),
        url(prototype, "feedback/"),
        url(prototype, "indicators/"),
        url(prototype, f"indicators/{indicator.pk}/measurements/"),
    ]
    writes = [
        (post, list_url(private), {"title": "x", "hypothesis": "y"}),
        (patch, url(prototype), {"title": "x"}),
        (post, url(prototype, "transitions/"), {"to": "design"}),
        (post, url(prototype, "iterations/"), {"goal": "x"}),
        (patch, url(prototype, "iterations/1/"), {"goal": "x"}),
        (post, url(prototype, "feedback/"), {"rating": 5, "would_use": "yes"}),
        (post, url(prototype, "indicators/"), {"name": "x", "baseline": 1, "target": 2}),
        (
            post,
            url(prototype, f"indicators/{indicator.pk}/measurements/"),
            {"date": "2026-01-01", "value": 3},
        ),
    ]

    for path in reads:
        assert client.get(path).json() == NOT_FOUND, path
        assert client.get(path, **auth(outsider)).json() == NOT_FOUND, path
        assert client.get(path, **auth(member)).status_code == 200, path
    for send, path, payload in writes:
        response = send(client, path, payload, outsider)
        assert (response.status_code, response.json()) == (404, NOT_FOUND), path
    assert client.get(url(999999)).json() == NOT_FOUND


# --- editing ---------------------------------------------------------------------------------------------------


def test_the_team_edits_a_prototype_and_adds_sources(client, arena, prototype, citizen):
    thread = thread_create(arena=arena, author=citizen, title="A walking bus?", kind="idea")

    response = patch(
        client,
        url(prototype),
        {"summary": "Now with a rota.", "topics": ["Mobility"], "source_threads": [thread.pk]},
        citizen,
    )

    assert response.status_code == 200, response.content
    assert response.json()["summary"] == "Now with a rota."
    assert response.json()["topics"] == ["Mobility"]
    assert response.json()["source_threads"] == [{"id": thread.pk, "title": "A walking bus?"}]
    assert response.json()["title"] == "Walking bus pilot"


def test_facilitators_edit_too_but_other_participants_may_not(client, arena, prototype, facilitator):
    refused = patch(client, url(prototype), {"title": "Mine now"}, member_of(arena))
    assert refused.status_code == 403
    assert "team" in error_message(refused)

    assert patch(client, url(prototype), {"title": "Walking bus, phase 1"}, facilitator).status_code == 200
    prototype.refresh_from_db()
    assert prototype.title == "Walking bus, phase 1"


def test_patch_refuses_fields_it_cannot_change_and_blank_titles(client, prototype, citizen):
    stage = patch(client, url(prototype), {"stage": "adopted"}, citizen)
    blank = patch(client, url(prototype), {"title": "  "}, citizen)
    empty = patch(client, url(prototype), {}, citizen)

    assert stage.status_code == blank.status_code == empty.status_code == 400
    assert list(stage.json()["error"]["fields"]) == ["stage"]
    assert list(blank.json()["error"]["fields"]) == ["title"]
    prototype.refresh_from_db()
    assert prototype.stage == "idea"


def test_patch_refuses_sources_from_another_arena(client, prototype, citizen):
    elsewhere = ArenaFactory()
    thread = thread_create(arena=elsewhere, author=member_of(elsewhere), title="Elsewhere", kind="idea")

    response = patch(client, url(prototype), {"summary": "x", "source_threads": [thread.pk]}, citizen)

    assert response.status_code == 400
    assert list(response.json()["error"]["fields"]) == ["source_threads"]
    prototype.refresh_from_db()
    assert prototype.summary != "x"  # nothing was saved


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
