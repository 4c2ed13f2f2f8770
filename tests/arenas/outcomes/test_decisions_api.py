"""/api/v1/arenas/{slug}/decisions/: conveners publish (201 with the decision), everyone else is refused
with the policy's sentence; bad input is a 400 in the one error shape; a subject that is missing or of
another arena, or an arena the caller may not see, is a 404; the list is paginated, newest first."""

from datetime import timedelta

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from arenas.models import Arena
from arenas.outcomes.models import Decision

from .decisions_helpers import ARABIC, told, world

pytestmark = pytest.mark.django_db


@pytest.fixture
def people():
    return world()


def api(user=None) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


def url(people) -> str:
    return f"/api/v1/arenas/{people.arena.slug}/decisions/"


def body(people, **fields):
    return {"subject": "thread", "id": people.thread.pk, "outcome": "adopted", "reason": ARABIC, **fields}


def test_a_convener_publishes_a_decision(people):
    review = (timezone.localdate() + timedelta(days=7)).isoformat()

    response = api(people.convener).post(url(people), body(people, review_on=review), format="json")

    assert response.status_code == 201
    data = response.json()
    assert data["subject"] == "thread" and data["subject_id"] == people.thread.pk
    assert data["subject_title"] == "Ideas for the bakery crossing"
    assert data["outcome"] == "adopted" and data["reason"] == ARABIC and data["review_on"] == review
    assert data["decided_by"] == "Clara Convener"
    assert data["url"] == f"/arenas/{people.arena.slug}/threads/{people.thread.pk}/#decisions"
    assert told() == sorted([people.participant.pk, people.poster.pk])


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"outcome": "maybe"}, "outcome"),
        ({"reason": ""}, "reason"),
        ({"reason": None}, "reason"),
        ({"review_on": "2001-01-01"}, "review_on"),
        ({"review_on": "01.02.2031"}, "review_on"),
        ({"subject": "post"}, "subject"),
        ({"id": "x"}, "id"),
    ],
)
def test_bad_input_is_a_400_in_the_one_shape(people, fields, field):
    response = api(people.convener).post(url(people), body(people, **fields), format="json")

    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "invalid" and field in error["fields"]
    assert not Decision.objects.exists()


def test_a_missing_subject_or_one_of_another_arena_is_a_404(people):
    other = world()
    client = api(people.convener)

    assert client.post(url(people), body(people, id=10**6), format="json").status_code == 404
    response = client.post(
        url(people), body(people, subject="prototype", id=other.prototype.pk), format="json"
    )
    assert response.status_code == 404
    assert response.json()["error"]["status"] == 404


@pytest.mark.parametrize("who", ["participant", "facilitator"])
def test_others_are_refused_with_the_policys_sentence(people, who):
    response = api(getattr(people, who)).post(url(people), body(people), format="json")

    assert response.status_code == 403
    message = response.json()["error"]["message"]
    assert message == "Only the arena's conveners answer threads and prototypes with a decision."


def test_anonymous_is_a_401_and_an_outsider_of_a_private_arena_a_404():
    people = world(visibility=Arena.Visibility.PRIVATE)

    assert api().post(url(people), body(people), format="json").status_code == 401
    assert api(people.outsider).post(url(people), body(people), format="json").status_code == 404
    assert api(people.outsider).get(url(people)).status_code == 404


def test_the_list_is_paginated_newest_first(people):
    client = api(people.convener)
    for outcome in ["deferred", "declined"]:
        client.post(
            url(people),
            body(people, subject="prototype", id=people.prototype.pk, outcome=outcome),
            format="json",
        )

    data = api().get(url(people)).json()

    assert data["count"] == 2
    assert [d["outcome"] for d in data["results"]] == ["declined", "deferred"]
    assert data["results"][0]["subject_title"] == "Walking bus"
