"""Speed: the query budgets of the deliberation pages, each checked at two sizes so growth would show —
the thread page at 10 and 1,000 posts (first, middle and last page, both orders), the thread list at 5 and
40 threads, the moderation queue at 3 and 30 flagged posts, the arena page's recent activity — and the
"N new posts" poll: one query, whatever the thread."""

import pytest
from pytest_django.asserts import assertContains

from arenas.deliberation.models import Flag, Post, Thread
from arenas.deliberation.services.posts import post_create
from arenas.deliberation.services.threads import thread_moderate, thread_summary_set
from tests.arenas.deliberation.pages_helpers import arena_for, bulk_posts, people_with_observer, start_thread
from tests.arenas.pages_helpers import html, sign_in
from tests.factories import MembershipFactory, TopicFactory, UserFactory

pytestmark = pytest.mark.django_db

# The thread page, measured the same at 10 and 1,000 posts: anonymous 8 (arena, its phases and topics;
# thread; top-level posts; replies; earlier summaries; thread topics), a member 15 (+ session, user,
# membership, org roles, endorsements, follow state, unread count), a facilitator 16 (+ revisions); ``?post=N``
# adds one (two when N is a reply) to find N's page; sessions' panel one (the session it came from);
# outcomes' panel one (the thread's decisions).
THREAD_PAGE_BUDGET = 20
THREAD_LIST_BUDGET = 12  # measured: 7 anonymous, 12 member (+ session, user, membership, org roles, unread)
QUEUE_BUDGET = 11  # measured: session, user, arena ×4, org roles, unread, count, posts, open flags+reporters
ARENA_ACTIVITY_BUDGET = 13  # the arena page's own budget (arenas/test_pages_arena.py), whatever the activity


@pytest.fixture
def people(db):
    return people_with_observer()


@pytest.fixture
def authors(people):
    return [people.participant, people.facilitator, people.convener, *UserFactory.create_batch(7)]


def url(thread, rest=""):
    return f"/arenas/{thread.arena.slug}/threads/{thread.pk}/{rest}"


def busy_thread(people, authors, size):
    arena = arena_for(people)
    arena.topics.set([TopicFactory(name="Mobility")])
    for author in authors[3:]:
        MembershipFactory(arena=arena, user=author)
    thread = start_thread(arena, people.participant, topics=["Mobility", "Schools"])
    thread_summary_set(thread=thread, actor=people.facilitator, body="First.")
    thread_summary_set(thread=thread, actor=people.facilitator, body="Second.")
    bulk_posts(thread, size, authors)
    return with_url(Thread.objects.get(pk=thread.pk))


def with_url(thread):
    """The thread, with its page's address worked out before any query is counted."""
    thread.page_url = url(thread)
    return thread


@pytest.mark.parametrize("size", [10, 1000])
@pytest.mark.parametrize("viewer", ["anonymous", "participant", "facilitator"])
@pytest.mark.parametrize("query", ["", "?page=last", "?order=newest", "?post=7", "?page=3"])
def test_the_thread_page_costs_the_same_at_10_and_1000_posts(
    client, people, authors, django_assert_max_num_queries, size, viewer, query
):
    thread = busy_thread(people, authors, size)
    sign_in(client, getattr(people, viewer))

    with django_assert_max_num_queries(THREAD_PAGE_BUDGET):
        response = client.get(url(thread, query))

    page = html(response)
    shown = page.count('<article id="post-')
    top_level_on_page = page.count('class="post-item post-depth-0"')
    assert top_level_on_page == min(50, thread.top_level_count)  # a full page (or the whole short thread)
    assert shown > top_level_on_page and "Second." in page  # with their replies, under the summary


@pytest.mark.parametrize("size", [10, 1000])
def test_the_last_page_shows_the_last_posts_and_a_reply_under_its_parent(client, people, authors, size):
    thread = busy_thread(people, authors, size)

    page = html(client.get(url(thread, "?page=last")))

    assert f'id="post-{size}"' in page  # every fifth post is a reply; post `size` is one, under size-1
    parent_at = page.index(f'id="post-{size - 1}"')
    assert parent_at < page.index("post-replies", parent_at) < page.index(f'id="post-{size}"')


@pytest.mark.parametrize("size", [5, 40])
@pytest.mark.parametrize("viewer", ["anonymous", "participant"])
def test_the_thread_list_costs_the_same_at_5_and_40_threads(
    client, people, django_assert_max_num_queries, size, viewer
):
    arena = arena_for(people)
    for n in range(size):
        author = MembershipFactory(arena=arena).user
        thread = start_thread(arena, author, title=f"Thread {n}", topics=["Mobility", "Schools"])
        if n % 3 == 0:
            thread_summary_set(thread=thread, actor=people.facilitator, body="Summary")
            thread_moderate(thread=thread, actor=people.facilitator, pinned=True)
    sign_in(client, getattr(people, viewer))

    with django_assert_max_num_queries(THREAD_LIST_BUDGET):
        response = client.get(f"/arenas/{arena.slug}/threads/?sort=active")

    assert html(response).count('<li class="thread-row') == min(size, 20)


@pytest.mark.parametrize("size", [3, 30])
def test_the_moderation_queue_costs_the_same_at_3_and_30_flagged_posts(
    client, people, django_assert_max_num_queries, size
):
    arena = arena_for(people)
    thread = start_thread(arena, people.participant)
    reporters = UserFactory.create_batch(3)
    for n in range(size):
        post = Post.objects.create(
            thread=thread, author=UserFactory(), number=n + 1, top_number=n + 1, body=f"Spam {n}"
        )
        Flag.objects.bulk_create(
            [Flag(post=post, reporter=r, reason="spam", note="Again") for r in reporters]
        )
    sign_in(client, people.facilitator)

    with django_assert_max_num_queries(QUEUE_BUDGET):
        response = client.get(f"/arenas/{arena.slug}/moderation/")

    assert html(response).count('class="moderation-item"') == min(size, 20)
    assertContains(response, f"{size} flagged posts")


@pytest.mark.parametrize("size", [2, 20])
def test_the_arena_page_activity_costs_the_same_at_2_and_20_threads(
    client, people, django_assert_max_num_queries, size
):
    arena = arena_for(people)
    for n in range(size):
        thread = start_thread(arena, MembershipFactory(arena=arena).user, title=f"Thread {n}")
        post_create(thread=thread, author=people.participant, body=f"Post in thread {n}")
    sign_in(client, people.participant)

    with django_assert_max_num_queries(ARENA_ACTIVITY_BUDGET):
        response = client.get(f"/arenas/{arena.slug}/")

    assert html(response).count("activity-list") == 2


# --- The "new posts" poll ------------------------------------------------------------------------------------------


def poll(client, thread, after, **extra):
    query = "&".join([f"after={after}", *[f"{k}={v}" for k, v in extra.items()]])
    return client.get(f"{thread.page_url}new-posts/?{query}", HTTP_HX_REQUEST="true")


@pytest.mark.parametrize("size", [10, 1000])
def test_the_poll_is_one_query_for_a_visitor(client, people, authors, django_assert_num_queries, size):
    thread = busy_thread(people, authors, size)

    with django_assert_num_queries(1):
        response = poll(client, thread, size - 3)

    assertContains(response, "3 new posts — show them")


@pytest.mark.parametrize("size", [10, 1000])
def test_the_poll_is_one_query_for_a_member_besides_the_session(
    client, people, authors, django_assert_num_queries, size
):
    thread = busy_thread(people, authors, size)
    sign_in(client, people.participant)

    # Two of the three are every signed-in request's (the session and the user, read by the middleware
    # that sets the person's time zone); the poll itself is one query, policy check included.
    with django_assert_num_queries(3):
        response = poll(client, thread, size)

    assert response.status_code == 204


def test_the_poll_answers_nothing_until_there_is_news_and_each_count_once(client, people):
    thread = with_url(start_thread(arena_for(people), people.participant))
    post_create(thread=thread, author=people.participant, body="One")

    assert poll(client, thread, 1).status_code == 204
    post_create(thread=thread, author=people.facilitator, body="Two")
    first = poll(client, thread, 1)
    assert first.status_code == 200
    assertContains(first, "1 new post — show it")
    assertContains(first, f'href="{url(thread)}?post=2#post-2"')
    assertContains(first, 'hx-swap-oob="innerHTML"')
    assertContains(first, "new-posts/?after=1&amp;seen=1")
    assert poll(client, thread, 1, seen=1).status_code == 204  # no news since the notice: no repeat
    post_create(thread=thread, author=people.facilitator, body="Three")
    assertContains(poll(client, thread, 1, seen=1), "2 new posts — show them")
    newest = poll(client, thread, 1, order="newest")
    assertContains(newest, f'href="{url(thread)}?post=2&amp;order=newest#post-2"')


def test_the_poll_of_a_hidden_thread_is_404(client, people):
    arena = arena_for(people, visibility="private")
    thread = with_url(start_thread(arena, people.participant))
    post_create(thread=thread, author=people.participant, body="Secret")

    assert poll(client, thread, 0).status_code == 404
    sign_in(client, people.outsider)
    assert poll(client, thread, 0).status_code == 404
    sign_in(client, people.observer)
    assertContains(poll(client, thread, 0), "1 new post")
    assert client.get(url(thread, "new-posts/?after=x")).status_code == 404


def test_the_thread_page_polls_after_the_last_post_it_knows(client, people, settings):
    settings.DELIBERATION_POLL_SECONDS = 3
    thread = start_thread(arena_for(people), people.participant)
    for n in range(3):
        post_create(thread=thread, author=people.participant, body=f"Post {n}")

    page = html(client.get(url(thread)))

    assert f'hx-get="{url(thread)}new-posts/?after=3" hx-trigger="every 3s"' in page
    assert '<div id="new-posts-notice" class="new-posts-notice" aria-live="polite"></div>' in page
