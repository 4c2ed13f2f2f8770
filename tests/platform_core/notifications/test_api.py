"""The notifications API: the caller's list and marking read."""

import datetime as dt

import pytest
import time_machine
from rest_framework.authtoken.models import Token

from platform_core.notifications.models import Notification
from platform_core.notifications.services import notify
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

LIST_URL = "/api/v1/notifications/"
MARK_READ_URL = "/api/v1/notifications/mark-read/"
LIST_BUDGET = 3  # token, the page's count, the page


def tips(recipient, count, *, start=dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC), **fields):
    """``count`` notifications one minute apart; "Tip 1" is the oldest."""
    made = []
    for n in range(1, count + 1):
        with time_machine.travel(start + dt.timedelta(minutes=n), tick=False):
            made += notify(recipients=[recipient], event="platform.tip", target_title=f"Tip {n}", **fields)
    return made


@pytest.fixture
def api(client, user):
    """The client, calling as ``user`` with an API token."""
    token = Token.objects.create(user=user)
    client.defaults["HTTP_AUTHORIZATION"] = f"Token {token.key}"
    return client


def unread_of(user):
    return set(Notification.objects.filter(recipient=user, read_at__isnull=True).values_list("pk", flat=True))


def test_the_list_needs_authentication_and_answers_in_the_error_shape(client):
    response = client.get(LIST_URL)

    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"
    error = response.json()["error"]
    assert (error["status"], error["code"]) == (401, "not_authenticated")
    assert error["message"]


def test_mark_read_needs_authentication(client, user):
    [notification] = tips(user, 1)

    response = client.post(MARK_READ_URL, {"all": True}, content_type="application/json")

    assert response.status_code == 401
    assert response.json()["error"]["code"] == "not_authenticated"
    assert unread_of(user) == {notification.pk}


def test_the_list_shows_a_notification_with_its_fields(api, user):
    actor = UserFactory(display_name="Clara Convener")
    with_actor = notify(
        recipients=[user],
        event="platform.tip",
        actor=actor,
        target_title="Safer school routes",
        url="/arenas/safer-school-routes/",
        group_key="arena:3",
        group_label="Safer school routes",
    )[0]

    response = api.get(LIST_URL)

    assert response.status_code == 200
    [item] = response.json()["results"]
    created = item.pop("created")
    assert dt.datetime.fromisoformat(created) == with_actor.created
    assert item == {
        "id": with_actor.pk,
        "event": "platform.tip",
        "actor": "Clara Convener",
        "verb": "A tip for getting started",
        "target_title": "Safer school routes",
        "url": "/arenas/safer-school-routes/",
        "group": "arena:3",
        "group_label": "Safer school routes",
        "read_at": None,
        "unread": True,
    }


def test_the_list_is_paginated_newest_first(api, user):
    tips(user, 30)

    first = api.get(LIST_URL).json()
    second = api.get(first["next"]).json()

    assert first["count"] == 30
    assert first["previous"] is None
    assert first["next"].endswith("/api/v1/notifications/?page=2")
    assert [n["target_title"] for n in first["results"]] == [f"Tip {n}" for n in range(30, 5, -1)]
    assert [n["target_title"] for n in second["results"]] == [f"Tip {n}" for n in range(5, 0, -1)]
    assert second["next"] is None
    assert second["previous"] is not None


def test_unread_true_lists_only_unread_ones(api, user):
    older, newer = tips(user, 2)
    read_at = dt.datetime(2026, 3, 3, tzinfo=dt.UTC)
    Notification.objects.filter(pk=older.pk).update(read_at=read_at)

    everything = api.get(LIST_URL).json()
    unread = api.get(LIST_URL, {"unread": "true"}).json()

    assert [(n["id"], n["unread"]) for n in everything["results"]] == [(newer.pk, True), (older.pk, False)]
    assert dt.datetime.fromisoformat(everything["results"][1]["read_at"]) == read_at
    assert unread["count"] == 1
    assert [n["id"] for n in unread["results"]] == [newer.pk]


def test_the_list_shows_only_the_callers_own(api, user):
    tips(UserFactory(), 3)
    [mine] = tips(user, 1)

    response = api.get(LIST_URL).json()

    assert response["count"] == 1
    assert [n["id"] for n in response["results"]] == [mine.pk]


def test_mark_read_with_ids_marks_those_and_answers_the_counts(api, user):
    first, second, third = tips(user, 3)

    response = api.post(MARK_READ_URL, {"ids": [first.pk, second.pk]}, content_type="application/json")

    assert response.status_code == 200
    assert response.json() == {"marked": 2, "unread": 1}
    assert unread_of(user) == {third.pk}


def test_mark_read_counts_only_what_was_unread(api, user):
    first, second = tips(user, 2)
    api.post(MARK_READ_URL, {"ids": [first.pk]}, content_type="application/json")

    response = api.post(MARK_READ_URL, {"ids": [first.pk, second.pk]}, content_type="application/json")

    assert response.json() == {"marked": 1, "unread": 0}


def test_mark_read_all_marks_every_one_of_the_callers(api, user):
    other = UserFactory()
    tips(user, 3)
    [theirs] = tips(other, 1)

    response = api.post(MARK_READ_URL, {"all": True}, content_type="application/json")

    assert response.status_code == 200
    assert response.json() == {"marked": 3, "unread": 0}
    assert unread_of(user) == set()
    assert unread_of(other) == {theirs.pk}


def test_mark_read_with_nothing_to_mark_is_a_400_that_says_what_to_send(api, user):
    [notification] = tips(user, 1)

    response = api.post(MARK_READ_URL, {}, content_type="application/json")

    assert response.status_code == 400
    error = response.json()["error"]
    assert (error["status"], error["code"]) == (400, "invalid")
    assert error["message"] == 'Send "ids": [...] or "all": true.'
    assert unread_of(user) == {notification.pk}


def test_mark_read_with_someone_elses_ids_marks_nothing(api, user):
    other = UserFactory()
    theirs = tips(other, 2)
    [mine] = tips(user, 1)

    response = api.post(MARK_READ_URL, {"ids": [n.pk for n in theirs]}, content_type="application/json")

    assert response.status_code == 200
    assert response.json() == {"marked": 0, "unread": 1}
    assert unread_of(other) == {n.pk for n in theirs}
    assert unread_of(user) == {mine.pk}


@pytest.mark.parametrize("size", [5, 25])
def test_the_list_stays_within_its_query_budget(api, user, django_assert_max_num_queries, size):
    tips(user, size)

    with django_assert_max_num_queries(LIST_BUDGET):
        response = api.get(LIST_URL)

    assert len(response.json()["results"]) == size
