"""Every write a person can repeat is rate-limited in its service, so the API answers 429 with
``Retry-After`` and the message in the error shape: threads, posts, flags, endorsements, feedback,
invitations (per arena) and join requests. The default rates stop a flood (40 threads, 40 flags) early,
and a window that slides is not doubled across a minute's edge."""

import datetime as dt

import pytest
import time_machine

from arenas.deliberation.models import Flag, Thread
from arenas.models import Arena, Role
from platform_core.notifications.models import Notification
from tests.arenas.api_helpers import auth, member_of
from tests.arenas.deliberation.api_helpers import bulk_thread
from tests.danish import danish_catalogue
from tests.factories import ArenaFactory, PrototypeFactory, UserFactory

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 3, 2, 9, 0, 50, tzinfo=dt.UTC)


@pytest.fixture
def arena():
    return ArenaFactory(slug="safer-school-routes", visibility=Arena.Visibility.PUBLIC)


@pytest.fixture
def citizen(arena):
    return member_of(arena, user__language="en")


@pytest.fixture
def thread(arena):
    return bulk_thread(arena, 5, authors=[member_of(arena)])


def call(client, path, payload=None, user=None):
    return client.post(path, payload or {}, content_type="application/json", **auth(user))


def _threads(arena, citizen, n):
    return (
        f"/api/v1/arenas/{arena.slug}/threads/",
        {"title": f"Crossing idea {n}", "body": "Lights?"},
        citizen,
    )


def _posts(arena, citizen, n, thread):
    return f"/api/v1/threads/{thread.pk}/posts/", {"body": f"Post {n}"}, citizen


def _visible(thread, n):
    return thread.posts.filter(hidden_at=None, deleted_at=None).order_by("number")[n]


def _flags(arena, citizen, n, thread):
    post = _visible(thread, n)
    return f"/api/v1/posts/{post.pk}/flags/", {"reason": "spam"}, citizen


def _endorsements(arena, citizen, n, thread):
    post = _visible(thread, n)
    return f"/api/v1/posts/{post.pk}/endorse/", {}, citizen


def _feedback(arena, citizen, n):
    prototype = PrototypeFactory(arena=arena)
    return f"/api/v1/prototypes/{prototype.pk}/feedback/", {"rating": 4, "would_use": "yes"}, citizen


def _invitations(arena, citizen, n):
    facilitator = arena.memberships.filter(role=Role.FACILITATOR).first()
    facilitator = member_of(arena, Role.FACILITATOR) if facilitator is None else facilitator.user
    return f"/api/v1/arenas/{arena.slug}/invitations/", {"email": f"guest{n}@example.org"}, facilitator


def _join_requests(arena, citizen, n):
    restricted = ArenaFactory(visibility=Arena.Visibility.RESTRICTED)
    return f"/api/v1/arenas/{restricted.slug}/join/", {"note": "I live by the school."}, citizen


CASES = {
    "threads": (
        _threads,
        "You have started many threads in a short time. You can start another in 60 seconds.",
    ),
    "posts": (_posts, "You are posting very fast. You can post again in 60 seconds."),
    "flags": (_flags, "You can flag another in 60 seconds."),
    "endorsements": (_endorsements, "You are endorsing very fast. You can endorse again in 60 seconds."),
    "feedback": (_feedback, "You can give more in 60 seconds."),
    "invitations": (_invitations, "An arena can send at most 2 invitations an hour"),
    "join_requests": (_join_requests, "You can ask again in 60 seconds."),
}


@pytest.mark.parametrize("action", CASES)
@time_machine.travel(NOW, tick=False)
def test_past_its_rate_each_write_is_a_429_with_retry_after_and_the_message(
    client, settings, arena, citizen, thread, action
):
    settings.RATE_LIMITS = {action: "2/hour" if action == "invitations" else "2/minute"}
    request_for, message = CASES[action]
    extra = (thread,) if action in ("posts", "flags", "endorsements") else ()

    answers = [call(client, *request_for(arena, citizen, n, *extra)) for n in range(3)]

    assert [a.status_code < 300 for a in answers[:2]] == [True, True], answers[0].content
    refused = answers[2]
    assert refused.status_code == 429
    assert refused["Retry-After"] == ("3600" if action == "invitations" else "60")
    error = refused.json()["error"]
    assert (error["status"], error["code"]) == (429, "throttled")
    assert message in error["message"]


@pytest.mark.parametrize("action", [action for action in CASES if action != "invitations"])  # per arena
def test_each_limit_counts_per_person_not_for_everyone(client, settings, arena, citizen, thread, action):
    settings.RATE_LIMITS = {action: "1/minute"}
    request_for, _message = CASES[action]
    extra = (thread,) if action in ("posts", "flags", "endorsements") else ()
    someone_else = member_of(arena)
    path, payload, _citizen = request_for(arena, citizen, 0, *extra)
    assert call(client, path, payload, citizen).status_code < 300

    path, payload, _citizen = request_for(arena, citizen, 1, *extra)

    assert call(client, path, payload, someone_else).status_code < 300


def test_forty_threads_in_a_second_stop_at_five_and_tell_the_members_five_times(client, arena, citizen):
    others = [member_of(arena) for _n in range(8)]

    statuses = [call(client, *_threads(arena, citizen, n)).status_code for n in range(40)]

    assert statuses == [201] * 5 + [429] * 35
    assert Thread.objects.filter(arena=arena, author=citizen).count() == 5
    told = Notification.objects.filter(recipient__in=others, event="deliberation.thread_created")
    assert told.count() == 5 * len(others)


def test_forty_flags_stop_at_ten(client, arena, citizen):
    member_of(arena, Role.FACILITATOR)
    thread = bulk_thread(arena, 60, authors=[member_of(arena)])

    statuses = [call(client, *_flags(arena, citizen, n, thread)).status_code for n in range(40)]

    assert statuses == [201] * 10 + [429] * 30
    assert Flag.objects.filter(reporter=citizen).count() == 10


def test_the_window_slides_so_a_minute_boundary_does_not_double_the_rate(client, settings, arena, citizen):
    settings.RATE_LIMITS = {"threads": "3/minute"}
    with time_machine.travel(NOW, tick=False):  # 09:00:50
        assert [call(client, *_threads(arena, citizen, n)).status_code for n in range(3)] == [201] * 3
    with time_machine.travel(NOW + dt.timedelta(seconds=15), tick=False):  # 09:01:05, a new clock minute
        refused = call(client, *_threads(arena, citizen, 3))
        assert refused.status_code == 429
        assert refused["Retry-After"] == "45"  # when the first of the three leaves the last minute
        assert "in 45 seconds" in refused.json()["error"]["message"]
    with time_machine.travel(NOW + dt.timedelta(seconds=61), tick=False):  # 09:01:51
        assert call(client, *_threads(arena, citizen, 4)).status_code == 201


def test_the_message_is_in_the_persons_language(client, settings, arena):
    settings.RATE_LIMITS = {"threads": "1/minute"}
    dane = member_of(arena, user__language="da")
    client.force_login(dane)  # the browser session: the person's language is theirs
    path, payload, _who = _threads(arena, dane, 0)
    with danish_catalogue(), time_machine.travel(NOW, tick=False):
        client.post(path, payload, content_type="application/json")
        refused = client.post(path, {**payload, "title": "Another"}, content_type="application/json")

    assert refused.status_code == 429
    assert refused.json()["error"]["message"] == (
        "Du har startet mange tråde på kort tid. Du kan starte en ny om 60 sekunder."
    )


def test_someone_else_is_not_slowed_by_a_flood(client, settings, arena, citizen):
    for n in range(5):
        call(client, *_threads(arena, citizen, n))
    assert call(client, *_threads(arena, citizen, 5)).status_code == 429

    assert call(client, *_threads(arena, UserFactory(), 6)).status_code in (403, 404)  # not a member
    assert call(client, *_threads(arena, member_of(arena), 7)).status_code == 201
