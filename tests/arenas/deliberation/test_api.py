"""The deliberation API, endpoint by endpoint and role by role, on a public, a private and a closed arena
(DESIGN.md section 3). What each endpoint returns is in test_api_threads.py and test_api_posts.py; query
budgets in test_api_budgets.py. Calls go through the test client with token authentication."""

import pytest

from arenas.deliberation.services.posts import post_create
from arenas.deliberation.services.threads import thread_create
from arenas.models import Arena, Role
from tests.factories import ArenaFactory, MembershipFactory

from .api_helpers import NOT_FOUND, ROLES, auth, people_of

pytestmark = pytest.mark.django_db

# name: (method, url, payload)
ENDPOINTS = {
    "list threads": ("get", "/api/v1/arenas/{slug}/threads/", None),
    "start a thread": ("post", "/api/v1/arenas/{slug}/threads/", {"title": "Walking bus", "body": "Idea"}),
    "read the thread": ("get", "/api/v1/threads/{thread}/", None),
    "edit the thread": ("patch", "/api/v1/threads/{thread}/", {"title": "Crossing at Ring Road (east)"}),
    "lock the thread": ("patch", "/api/v1/threads/{thread}/", {"locked": True}),
    "pin and resolve": ("patch", "/api/v1/threads/{thread}/", {"pinned": True, "resolved": True}),
    "summarise": ("patch", "/api/v1/threads/{thread}/", {"summary": "We agree on a crossing."}),
    "list posts": ("get", "/api/v1/threads/{thread}/posts/", None),
    "post": ("post", "/api/v1/threads/{thread}/posts/", {"body": "I agree", "stance": "supports"}),
    "reply": ("post", "/api/v1/threads/{thread}/posts/", {"body": "Why?", "parent": "{post}"}),
    "read a post": ("get", "/api/v1/posts/{post}/", None),
    "edit a post": ("patch", "/api/v1/posts/{post}/", {"body": "Edited"}),
    "delete a post": ("delete", "/api/v1/posts/{post}/", None),
    "endorse": ("post", "/api/v1/posts/{post}/endorse/", None),
    "flag": ("post", "/api/v1/posts/{post}/flags/", {"reason": "spam", "note": ""}),
    "hide": ("post", "/api/v1/posts/{post}/hide/", {"reason": "Personal data"}),
    "unhide": ("post", "/api/v1/posts/{post}/unhide/", None),
}

# Expected status by role, in the order of ROLES: anonymous, outsider, observer, participant, author,
# facilitator. The thread and the post are the author's.
READ = [200] * 6
OPEN_ARENA = {
    "list threads": READ,
    "start a thread": [401, 403, 403, 201, 201, 201],
    "read the thread": READ,
    "edit the thread": [401, 403, 403, 403, 200, 200],
    "lock the thread": [401, 403, 403, 403, 403, 200],
    "pin and resolve": [401, 403, 403, 403, 403, 200],
    "summarise": [401, 403, 403, 403, 403, 200],
    "list posts": READ,
    "post": [401, 403, 403, 201, 201, 201],
    "reply": [401, 403, 403, 201, 201, 201],
    "read a post": READ,
    "edit a post": [401, 403, 403, 403, 200, 403],
    "delete a post": [401, 403, 403, 403, 204, 403],
    "endorse": [401, 403, 403, 200, 403, 200],  # not one's own post
    "flag": [401, 201, 201, 201, 403, 201],
    "hide": [401, 403, 403, 403, 403, 200],
    "unhide": [401, 403, 403, 403, 403, 200],
}
# A private arena is the same to its members, and a 404 to everyone else (a 401 first for anonymous writes).
PRIVATE_ARENA = {
    name: [401 if expected[0] == 401 else 404, 404, *expected[2:]] for name, expected in OPEN_ARENA.items()
}
# A closed arena is read-only for everyone, its authors too.
CLOSED_ARENA = {
    name: READ if expected == READ else [401, 403, 403, 403, 403, 403]
    for name, expected in OPEN_ARENA.items()
}

CASES = [
    pytest.param(arena_kind, name, role, table[name][index], id=f"{arena_kind}-{name}-{role}")
    for arena_kind, table in (("public", OPEN_ARENA), ("private", PRIVATE_ARENA), ("closed", CLOSED_ARENA))
    for name in table
    for index, role in enumerate(ROLES)
]


def arena_of_kind(kind: str) -> Arena:
    if kind == "private":
        return ArenaFactory(slug="youth-employment", visibility=Arena.Visibility.PRIVATE)
    return ArenaFactory(slug="safer-school-routes")


def call(client, name: str, *, arena, thread, post, user):
    method, url, payload = ENDPOINTS[name]
    url = url.format(slug=arena.slug, thread=thread.pk, post=post.pk)
    if isinstance(payload, dict):
        payload = {key: post.pk if value == "{post}" else value for key, value in payload.items()}
    return getattr(client, method)(url, payload, content_type="application/json", **auth(user))


@pytest.mark.parametrize(("arena_kind", "endpoint", "role", "expected"), CASES)
def test_who_may_do_what(client, arena_kind, endpoint, role, expected):
    arena = arena_of_kind(arena_kind)
    people = people_of(arena)
    thread = thread_create(arena=arena, author=people["author"], title="Crossing at Ring Road", body="Where?")
    post = post_create(thread=thread, author=people["author"], body="At the school gate.")
    if arena_kind == "closed":
        Arena.objects.filter(pk=arena.pk).update(status=Arena.Status.CLOSED)
        arena.refresh_from_db()

    response = call(client, endpoint, arena=arena, thread=thread, post=post, user=people[role])

    assert response.status_code == expected, response.content
    if expected == 404:
        assert response.json() == NOT_FOUND
    if expected in (401, 403):
        assert response.json()["error"]["status"] == expected
    if expected == 403 and arena_kind == "closed":
        assert response.json()["error"]["message"] == "This arena is closed: it is read-only."


def test_a_citizen_of_another_arena_gets_the_same_404_for_a_private_one_as_for_nothing(client):
    private = ArenaFactory(visibility=Arena.Visibility.PRIVATE)
    author = MembershipFactory(arena=private).user
    citizen = MembershipFactory(arena=ArenaFactory(), role=Role.PARTICIPANT).user
    thread = thread_create(arena=private, author=author, title="Internships")
    post = post_create(thread=thread, author=author, body="Who offers them?")

    for url in [
        f"/api/v1/arenas/{private.slug}/threads/",
        f"/api/v1/threads/{thread.pk}/",
        f"/api/v1/threads/{thread.pk}/posts/",
        f"/api/v1/posts/{post.pk}/",
        "/api/v1/threads/999999/",
        "/api/v1/posts/999999/",
        "/api/v1/arenas/no-such-arena/threads/",
    ]:
        response = client.get(url, **auth(citizen))
        assert (response.status_code, response.json()) == (404, NOT_FOUND), url
    for url, payload in [
        (f"/api/v1/threads/{thread.pk}/posts/", {"body": "Me too"}),
        (f"/api/v1/posts/{post.pk}/flags/", {"reason": "spam"}),
        (f"/api/v1/posts/{post.pk}/endorse/", {}),
    ]:
        response = client.post(url, payload, content_type="application/json", **auth(citizen))
        assert (response.status_code, response.json()) == (404, NOT_FOUND), url


def test_refusals_say_why(client):
    arena = ArenaFactory()
    people = people_of(arena)
    thread = thread_create(arena=arena, author=people["author"], title="Crossing")
    post = post_create(thread=thread, author=people["author"], body="Here.")

    def message(response, status):
        assert response.status_code == status, response.content
        return response.json()["error"]["message"]

    observer_posts = client.post(
        f"/api/v1/threads/{thread.pk}/posts/",
        {"body": "Hi"},
        content_type="application/json",
        **auth(people["observer"]),
    )
    participant_locks = client.patch(
        f"/api/v1/threads/{thread.pk}/",
        {"locked": True},
        content_type="application/json",
        **auth(people["participant"]),
    )
    participant_hides = client.post(
        f"/api/v1/posts/{post.pk}/hide/",
        {"reason": "x"},
        content_type="application/json",
        **auth(people["participant"]),
    )
    someone_edits = client.patch(
        f"/api/v1/posts/{post.pk}/",
        {"body": "Mine now"},
        content_type="application/json",
        **auth(people["facilitator"]),
    )
    anonymous_posts = client.post(
        f"/api/v1/threads/{thread.pk}/posts/", {"body": "Hi"}, content_type="application/json"
    )

    assert "Observers and visitors can read" in message(observer_posts, 403)
    assert "Only the arena's facilitators and conveners" in message(participant_locks, 403)
    assert "Only the arena's facilitators and conveners" in message(participant_hides, 403)
    assert message(someone_edits, 403) == "Only its author can edit a post."
    assert message(anonymous_posts, 401)
    assert anonymous_posts["WWW-Authenticate"] == "Token"
