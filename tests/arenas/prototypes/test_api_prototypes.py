"""Prototypes through the API: creating them (linked to the threads and posts they came from; who may),
reading the list and the detail (a private arena is 404 for outsiders on every endpoint) and editing them.
Stages and the timeline are in test_api_stages.py; rounds, feedback and indicators in test_api_work.py.
Calls go through the test client with token authentication."""

import pytest

from arenas.deliberation.services.posts import post_create
from arenas.deliberation.services.threads import thread_create
from arenas.models import Arena, Role
from arenas.prototypes.models import Prototype, TeamMember
from arenas.prototypes.services.evidence import feedback_submit
from arenas.prototypes.services.iterations import iteration_create, iteration_set_status
from arenas.prototypes.services.prototypes import prototype_transition
from tests.arenas.api_helpers import NOT_FOUND, auth, member_of
from tests.arenas.prototypes.api_helpers import HYPOTHESIS, error_message, list_url, patch, post, url
from tests.factories import ArenaFactory, PrototypeFactory, UserFactory

pytestmark = pytest.mark.django_db


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
