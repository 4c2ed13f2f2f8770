"""The arena page's latest posts: the newest visible posts of the arena's threads, read through an index per
thread (``post_thread_recent_visible``), never by sorting every post of the arena (or of the site)."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from arenas.deliberation.models import Post, Thread
from arenas.deliberation.selectors import recent_activity
from arenas.models import Arena
from tests.arenas.deliberation.pages_helpers import arena_for, people_with_observer, start_thread

pytestmark = pytest.mark.django_db

NOW = timezone.now()


@pytest.fixture
def people(db):
    return people_with_observer()


def post(thread, minutes_ago, **fields):
    number = Post.objects.filter(thread=thread).count() + 1
    return Post.objects.create(
        thread=thread,
        author=fields.pop("author", None),
        number=number,
        top_number=number,
        body=f"Post {minutes_ago}",
        created=NOW - timedelta(minutes=minutes_ago),
        **fields,
    )


def test_the_newest_visible_posts_of_the_arena_newest_first(people):
    arena = arena_for(people)
    busy, quiet, empty = (
        start_thread(arena, people.participant, title=t) for t in ("Busy", "Quiet", "Empty")
    )
    busy_posts = [post(busy, minutes) for minutes in (1, 3, 4, 6, 7, 8, 9)]
    quiet_post = post(quiet, 5)
    post(busy, 0, deleted_at=NOW)
    post(quiet, 0, hidden_at=NOW, hidden_reason="Off-topic")
    elsewhere = start_thread(arena_for(people, slug="elsewhere"), people.participant, title="Elsewhere")
    post(elsewhere, 0)

    found = recent_activity(arena=arena, viewer=people.participant, limit=5)["posts"]

    assert found == [busy_posts[0], busy_posts[1], busy_posts[2], quiet_post, busy_posts[3]]
    assert found[0].thread.title == "Busy"  # brought with the post, for the link's text


def test_all_the_latest_posts_may_come_from_one_thread(people):
    arena = arena_for(people)
    busy, other = start_thread(arena, people.participant), start_thread(arena, people.participant)
    newest = [post(busy, minutes) for minutes in range(5)]
    post(other, 10)

    assert recent_activity(arena=arena, viewer=None, limit=5)["posts"] == newest


def test_a_private_arena_shows_nothing_to_an_outsider(people):
    arena = arena_for(people, visibility=Arena.Visibility.PRIVATE)
    post(start_thread(arena, people.participant), 1)

    assert recent_activity(arena=arena, viewer=people.outsider) == {"threads": [], "posts": []}
    assert len(recent_activity(arena=arena, viewer=people.participant)["posts"]) == 1


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the plan of PostgreSQL's query")
@pytest.mark.parametrize("arena_posts", [0, 2000])
def test_the_query_reads_each_threads_newest_posts_by_the_index(people, arena_posts):
    arena, other = arena_for(people), arena_for(people, slug="other")
    for target, count in ((arena, arena_posts), (other, 3000)):
        thread = start_thread(target, people.participant)
        Post.objects.bulk_create(
            Post(thread=thread, number=n, top_number=n, body="x", created=NOW - timedelta(seconds=n))
            for n in range(1, count + 1)
        )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE deliberation_post, deliberation_thread")
    with CaptureQueriesContext(connection) as queries:
        recent_activity(arena=arena, viewer=None, limit=5)
    sql = next(q["sql"] for q in queries.captured_queries if "deliberation_post" in q["sql"])

    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (ANALYZE, FORMAT JSON) {sql}")
        plan = cursor.fetchone()[0][0]

    scans = list(_nodes(plan["Plan"]))
    post_scans = [n for n in scans if n.get("Relation Name") == "deliberation_post" and "Index Name" in n]
    assert any(n["Index Name"] == "post_thread_recent_visible" for n in post_scans)
    assert not any(n["Node Type"] == "Seq Scan" and n["Relation Name"] == "deliberation_post" for n in scans)
    rows_read = sum(n.get("Actual Rows", 0) * n.get("Actual Loops", 1) for n in post_scans)
    assert (
        rows_read <= 20
    )  # the newest few of the thread (and their rows), not its 2,000 or the 3,000 elsewhere
    assert Thread.objects.filter(arena=arena).count() == 1


def _nodes(node):
    yield {k: v for k, v in node.items() if k != "Plans"}
    for child in node.get("Plans", []):
        yield from _nodes(child)
