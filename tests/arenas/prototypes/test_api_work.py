"""The prototypes API for a prototype's work: its rounds, the feedback on it, its indicators and their
measurements."""

import pytest

from arenas.models import Role
from arenas.prototypes.models import Feedback, TeamMember
from platform_core.notifications.models import Notification
from tests.arenas.api_helpers import auth, member_of
from tests.arenas.prototypes.api_helpers import error_message, patch, post, url
from tests.factories import ArenaFactory, MembershipFactory, PrototypeFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def arena():
    return ArenaFactory(title="Safer school routes", slug="safer-school-routes")


@pytest.fixture
def citizen(arena):
    return MembershipFactory(arena=arena, role=Role.PARTICIPANT, stakeholder_type="resident").user


@pytest.fixture
def prototype(arena, citizen):
    return PrototypeFactory(arena=arena, lead=citizen, title="Walking bus pilot")


# --- iterations ------------------------------------------------------------------------------------------------


def test_rounds_are_numbered_per_prototype(client, arena, prototype, citizen):
    other = PrototypeFactory(arena=arena, lead=citizen)
    post(client, url(other, "iterations/"), {"goal": "Elsewhere"}, citizen)

    first = post(
        client,
        url(prototype, "iterations/"),
        {
            "goal": "Does anyone walk?",
            "test_what": "A walking bus on Mondays",
            "test_where": "Northbridge east",
            "test_with_whom": "Twelve families",
            "start_date": "2026-03-02",
            "end_date": "2026-03-30",
        },
        citizen,
    )
    second = post(client, url(prototype, "iterations/"), {"goal": "Every day?"}, citizen)

    assert first.status_code == second.status_code == 201, first.content
    assert (first.json()["number"], second.json()["number"]) == (1, 2)
    assert first.json()["status"] == "planned"
    assert first.json()["test_with_whom"] == "Twelve families"
    listed = client.get(url(prototype, "iterations/")).json()
    assert [i["number"] for i in listed["results"]] == [1, 2]
    assert client.get(url(prototype, "iterations/2/")).json()["goal"] == "Every day?"
    assert client.get(url(prototype, "iterations/3/")).status_code == 404


def test_only_one_round_runs_at_a_time(client, prototype, citizen):
    running = post(client, url(prototype, "iterations/"), {"goal": "One", "status": "running"}, citizen)
    assert running.status_code == 201, running.content
    assert running.json()["status"] == "running"

    refused = post(client, url(prototype, "iterations/"), {"goal": "Two", "status": "running"}, citizen)
    assert refused.status_code == 400
    assert refused.json()["error"]["fields"] == {
        "status": ["Another round is running: finish it before starting this one."]
    }
    assert prototype.iterations.count() == 1  # the refused round was not kept

    post(client, url(prototype, "iterations/"), {"goal": "Two"}, citizen)
    second = patch(client, url(prototype, "iterations/2/"), {"status": "running"}, citizen)
    assert second.status_code == 400
    assert "Another round is running" in error_message(second)


def test_a_round_is_done_with_its_learnings_and_the_team_is_told(client, arena, prototype, citizen):
    teammate = member_of(arena)
    TeamMember.objects.create(prototype=prototype, user=teammate)
    post(client, url(prototype, "iterations/"), {"goal": "One", "status": "running"}, citizen)

    without = patch(client, url(prototype, "iterations/1/"), {"status": "done"}, citizen)
    assert without.status_code == 400
    assert list(without.json()["error"]["fields"]) == ["learnings"]

    done = patch(
        client,
        url(prototype, "iterations/1/"),
        {
            "learnings": "Parents want a rota.",
            "outcome": "9 of 12 walked",
            "decision": "iterate",
            "status": "done",
        },
        citizen,
    )
    assert done.status_code == 200, done.content
    assert done.json()["status"] == "done"
    assert done.json()["decision"] == "iterate"
    assert done.json()["done_at"]
    assert Notification.objects.filter(recipient=teammate, event="prototypes.iteration_done").count() == 1

    started = post(client, url(prototype, "iterations/"), {"goal": "Two", "status": "running"}, citizen)
    assert started.status_code == 201


def test_iteration_fields_are_checked(client, prototype, citizen):
    dates = post(
        client,
        url(prototype, "iterations/"),
        {"goal": "One", "start_date": "2026-03-30", "end_date": "2026-03-02"},
        citizen,
    )
    decision = post(client, url(prototype, "iterations/"), {"goal": "One", "decision": "maybe"}, citizen)
    no_goal = post(client, url(prototype, "iterations/"), {"goal": ""}, citizen)
    post(client, url(prototype, "iterations/"), {"goal": "One"}, citizen)
    unknown = patch(client, url(prototype, "iterations/1/"), {"number": 7}, citizen)

    assert list(dates.json()["error"]["fields"]) == ["end_date"]
    assert list(decision.json()["error"]["fields"]) == ["decision"]
    assert list(no_goal.json()["error"]["fields"]) == ["goal"]
    assert list(unknown.json()["error"]["fields"]) == ["number"]


def test_only_the_team_facilitators_and_conveners_plan_rounds(client, arena, prototype, citizen):
    refused = post(client, url(prototype, "iterations/"), {"goal": "Mine"}, member_of(arena))
    assert refused.status_code == 403
    assert "team" in error_message(refused)
    assert post(client, url(prototype, "iterations/"), {"goal": ""}, UserFactory()).status_code == 403

    facilitator = member_of(arena, Role.FACILITATOR)
    assert post(client, url(prototype, "iterations/"), {"goal": "Ours"}, facilitator).status_code == 201
    refused_edit = patch(client, url(prototype, "iterations/1/"), {"goal": "Mine"}, member_of(arena))
    assert refused_edit.status_code == 403


# --- feedback --------------------------------------------------------------------------------------------------


def test_feedback_is_given_then_edited_and_summarised(client, arena, prototype, citizen):
    people = [member_of(arena) for _n in range(4)]
    answers = [(5, "yes"), (4, "yes"), (2, "no"), (4, "unsure")]
    for person, (rating, would_use) in zip(people, answers, strict=True):
        response = post(
            client,
            url(prototype, "feedback/"),
            {"rating": rating, "would_use": would_use, "comment": "Hm"},
            person,
        )
        assert response.status_code == 201, response.content

    edited = post(client, url(prototype, "feedback/"), {"rating": 3, "would_use": "no"}, people[0])
    assert edited.status_code == 200
    assert edited.json()["rating"] == 3
    assert edited.json()["comment"] == ""
    assert edited.json()["iteration"] is None
    assert Feedback.objects.filter(author=people[0]).count() == 1

    body = client.get(url(prototype, "feedback/")).json()
    # ratings 3, 4, 2, 4 → mean 3.25; would use: no, yes, no, unsure → 1 of 4
    assert body["summary"] == {
        "count": 4,
        "mean": 3.25,
        "distribution": {"1": 0, "2": 1, "3": 1, "4": 2, "5": 0},
        "would_use": {"yes": 1, "no": 2, "unsure": 1},
        "would_use_share": 0.25,
    }
    assert body["count"] == 4
    assert body["results"][0]["author"]["handle"] == people[0].handle  # newest first
    assert {"id", "rating", "would_use", "comment", "iteration", "created", "updated"} <= set(
        body["results"][0]
    )
    assert Notification.objects.filter(recipient=citizen, event="prototypes.feedback").count() == 4


def test_the_summary_covers_all_feedback_not_just_the_page(client, arena, prototype):
    for rating in [1, 2, 3, 4, 5]:
        post(client, url(prototype, "feedback/"), {"rating": rating, "would_use": "yes"}, member_of(arena))

    body = client.get(url(prototype, "feedback/"), {"page_size": 2}).json()

    assert len(body["results"]) == 2
    assert body["next"]
    assert body["summary"]["count"] == 5
    assert body["summary"]["mean"] == 3.0
    assert body["summary"]["would_use_share"] == 1.0


def test_an_empty_summary(client, prototype):
    body = client.get(url(prototype, "feedback/")).json()

    assert body["results"] == []
    assert body["summary"]["count"] == 0
    assert body["summary"]["mean"] is None
    assert body["summary"]["would_use_share"] is None


def test_feedback_on_a_round_is_separate_and_filtered(client, arena, prototype, citizen):
    post(client, url(prototype, "iterations/"), {"goal": "One"}, citizen)
    person = member_of(arena)

    on_prototype = post(client, url(prototype, "feedback/"), {"rating": 2, "would_use": "no"}, person)
    on_round = post(
        client, url(prototype, "feedback/"), {"rating": 5, "would_use": "yes", "iteration": 1}, person
    )
    missing = post(
        client, url(prototype, "feedback/"), {"rating": 5, "would_use": "yes", "iteration": 9}, person
    )

    assert on_prototype.status_code == on_round.status_code == 201
    assert on_round.json()["iteration"] == 1
    assert missing.status_code == 400
    assert list(missing.json()["error"]["fields"]) == ["iteration"]
    round_only = client.get(url(prototype, "feedback/"), {"iteration": 1}).json()
    assert [f["rating"] for f in round_only["results"]] == [5]
    assert round_only["summary"]["mean"] == 5.0
    assert client.get(url(prototype, "feedback/")).json()["summary"]["count"] == 2
    assert client.get(url(prototype, "feedback/"), {"iteration": 9}).status_code == 400


def test_feedback_input_is_checked(client, arena, prototype):
    person = member_of(arena)

    rating = post(client, url(prototype, "feedback/"), {"rating": 6, "would_use": "yes"}, person)
    would_use = post(client, url(prototype, "feedback/"), {"rating": 3, "would_use": "maybe"}, person)

    assert rating.json()["error"]["fields"] == {"rating": ["Rate from 1 to 5."]}
    assert list(would_use.json()["error"]["fields"]) == ["would_use"]
    assert not Feedback.objects.exists()


def test_observers_and_outsiders_cannot_give_feedback(client, arena, prototype):
    payload = {"rating": 4, "would_use": "yes"}

    observer = post(client, url(prototype, "feedback/"), payload, member_of(arena, Role.OBSERVER))
    outsider = post(client, url(prototype, "feedback/"), payload, UserFactory())

    assert observer.status_code == outsider.status_code == 403
    assert "participants" in error_message(observer)
    assert client.get(url(prototype, "feedback/"), **auth(UserFactory())).status_code == 200


# --- indicators ------------------------------------------------------------------------------------------------


def test_indicators_and_their_measurements(client, prototype, citizen):
    created = post(
        client,
        url(prototype, "indicators/"),
        {
            "name": "Cars at the gate",
            "unit": "cars/day",
            "baseline": "120",
            "target": 80,
            "direction": "lower",
        },
        citizen,
    )
    assert created.status_code == 201, created.content
    indicator = created.json()
    assert indicator["baseline"] == "120.00"
    assert indicator["latest"] is None
    assert indicator["measurements"] == []
    measurements = url(prototype, f"indicators/{indicator['id']}/measurements/")

    for date, value in [("2026-04-01", "95.5"), ("2026-03-01", 110)]:
        response = post(client, measurements, {"date": date, "value": value, "note": "Count"}, citizen)
        assert response.status_code == 201, response.content

    listed = client.get(measurements).json()["results"]
    assert [(m["date"], m["value"]) for m in listed] == [("2026-03-01", "110.00"), ("2026-04-01", "95.50")]
    [shown] = client.get(url(prototype, "indicators/")).json()["results"]
    assert shown["latest"] == "95.50"
    assert shown["met"] is False
    assert len(shown["measurements"]) == 2


def test_a_bad_number_is_400_naming_the_field(client, prototype, citizen):
    indicator = prototype.indicators.create(name="Cars", baseline=100, target=60, direction="lower")
    measurements = url(prototype, f"indicators/{indicator.pk}/measurements/")

    baseline = post(
        client, url(prototype, "indicators/"), {"name": "x", "baseline": "lots", "target": 1}, citizen
    )
    value = post(client, measurements, {"date": "2026-03-01", "value": "many"}, citizen)
    date = post(client, measurements, {"date": "yesterday", "value": 3}, citizen)
    direction = post(
        client,
        url(prototype, "indicators/"),
        {"name": "x", "baseline": 1, "target": 2, "direction": "up"},
        citizen,
    )

    assert baseline.json()["error"]["fields"] == {"baseline": ["Enter a number."]}
    assert value.json()["error"]["fields"] == {"value": ["Enter a number."]}
    assert list(date.json()["error"]["fields"]) == ["date"]
    assert list(direction.json()["error"]["fields"]) == ["direction"]
    assert not indicator.measurements.exists()


def test_only_the_team_facilitators_and_conveners_record_indicators(client, arena, prototype):
    indicator = prototype.indicators.create(name="Cars", baseline=100, target=60)
    other = PrototypeFactory(arena=arena)
    participant = member_of(arena)

    refused = post(
        client, url(prototype, "indicators/"), {"name": "x", "baseline": 1, "target": 2}, participant
    )
    refused_measurement = post(
        client,
        url(prototype, f"indicators/{indicator.pk}/measurements/"),
        {"date": "2026-03-01", "value": 1},
        participant,
    )

    assert refused.status_code == refused_measurement.status_code == 403
    assert client.get(url(other, f"indicators/{indicator.pk}/measurements/")).status_code == 404
    convener = member_of(arena, Role.CONVENER)
    assert (
        post(
            client, url(prototype, "indicators/"), {"name": "x", "baseline": 1, "target": 2}, convener
        ).status_code
        == 201
    )
