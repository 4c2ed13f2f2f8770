"""Query budgets of the deliberation API, each checked at two sizes with the same budget: a thread's posts
and its detail at 10 and at 1,000 posts (replies, hidden and deleted posts, 40 authors, the caller's
endorsements), the thread list at 5 and at 40 threads."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from arenas.deliberation.models import Post
from arenas.deliberation.services.threads import thread_summary_set
from arenas.models import Arena, Role
from tests.factories import ArenaFactory, MembershipFactory, TopicFactory, UserFactory

from .api_helpers import auth, bulk_thread

pytestmark = pytest.mark.django_db

# token (with the user), thread with its arena, the caller's membership, the caller's organisation roles,
# one range of posts with their authors, the caller's endorsements among them
POSTS_BUDGET = 6
# token, thread with its arena and summary, its topics, membership, organisation roles
DETAIL_BUDGET = 5
# token, arena, its phases, its topics, the caller's membership, organisation roles, count, threads, topics
LIST_BUDGET = 9


@pytest.fixture
def arena():
    return ArenaFactory(visibility=Arena.Visibility.PRIVATE)  # every check of the policy is exercised


@pytest.fixture
def viewer(arena):
    return MembershipFactory(arena=arena, role=Role.FACILITATOR).user  # sees hidden reasons, too


@pytest.fixture
def authors(arena):
    return [MembershipFactory(arena=arena).user for _ in range(40)]


def long_thread(arena, size, authors, viewer):
    thread = bulk_thread(arena, size, authors=authors, endorser=viewer, title=f"{size} posts")
    thread_summary_set(thread=thread, actor=viewer, body="Where we stand")
    return thread


@pytest.mark.parametrize("size", [10, 1000])
@pytest.mark.parametrize("order", ["oldest", "newest"])
def test_a_page_of_posts_costs_the_same_at_10_and_1000_posts(
    client, django_assert_max_num_queries, arena, viewer, authors, size, order
):
    thread = long_thread(arena, size, authors, viewer)
    url, headers = f"/api/v1/threads/{thread.pk}/posts/", auth(viewer)
    first = client.get(url, {"order": order}, **headers).json()
    cursor_url = first["next"] or url  # a page from the middle of the thread where there is one

    for target, params in ((url, {"order": order}), (cursor_url, {})):
        with django_assert_max_num_queries(POSTS_BUDGET):
            response = client.get(target, params, **headers)
        assert response.status_code == 200
        results = response.json()["results"]
        assert len(results) == min(size, 50)
        assert any(p["endorsed"] for p in results)
        assert any(p["hidden_reason"] for p in results)
        assert any(p["parent"] for p in results)
    assert len({p["author"]["handle"] for p in results if p["author"]}) > 1


@pytest.mark.parametrize("size", [10, 1000])
def test_the_posts_of_a_thread_use_no_offset(client, arena, viewer, authors, size):
    thread = long_thread(arena, size, authors, viewer)
    first = client.get(f"/api/v1/threads/{thread.pk}/posts/", **auth(viewer)).json()
    if not first["next"]:
        return
    with CaptureQueriesContext(connection) as queries:
        client.get(first["next"], **auth(viewer))
    [posts_query] = [q["sql"] for q in queries.captured_queries if 'FROM "deliberation_post"' in q["sql"]]
    assert "OFFSET" not in posts_query.upper()
    assert '"number" >' in posts_query


@pytest.mark.parametrize("size", [10, 1000])
def test_the_thread_detail_costs_the_same_at_10_and_1000_posts(
    client, django_assert_max_num_queries, arena, viewer, authors, size
):
    thread = long_thread(arena, size, authors, viewer)
    thread.topics.set([TopicFactory(name="Mobility"), TopicFactory(name="Schools")])
    headers = auth(viewer)

    with django_assert_max_num_queries(DETAIL_BUDGET):
        response = client.get(f"/api/v1/threads/{thread.pk}/", **headers)

    assert response.status_code == 200
    body = response.json()
    assert body["post_count"] == size
    assert body["summary"]["author"]["handle"] == viewer.handle
    assert len(body["topics"]) == 2


@pytest.mark.parametrize("count", [5, 40])
def test_the_thread_list_costs_the_same_at_5_and_40_threads(
    client, django_assert_max_num_queries, arena, viewer, count
):
    arena.topics.set([TopicFactory(name="Mobility")])
    for number in range(count):
        thread = bulk_thread(arena, 3, authors=[UserFactory()], title=f"Thread {number}")
        thread.topics.set([TopicFactory(name="Mobility"), TopicFactory(name="Schools")])
        if number % 2:
            thread_summary_set(thread=thread, actor=viewer, body="So far")
    headers = auth(viewer)

    with django_assert_max_num_queries(LIST_BUDGET):
        response = client.get(f"/api/v1/arenas/{arena.slug}/threads/", {"page_size": 50}, **headers)

    assert response.status_code == 200
    results = response.json()["results"]
    assert len(results) == count
    assert all(item["topics"] == ["Mobility", "Schools"] for item in results)
    assert len({item["author"]["handle"] for item in results}) == count
    assert Post.objects.filter(thread__arena=arena).count() == 3 * count
