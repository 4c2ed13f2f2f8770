"""A page shows the first replies under each top-level post and "N more replies" for the rest: a plain link
whose page shows them all. A link to a reply beyond the first ones still shows it. The page's query count
does not grow with the number of replies; the API still lists every post."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from arenas.deliberation.models import Post, Thread
from arenas.deliberation.selectors import REPLIES_SHOWN
from tests.arenas.deliberation.pages_helpers import arena_for, people_with_observer, start_thread
from tests.arenas.pages_helpers import html, sign_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(db):
    return people_with_observer()


@pytest.fixture
def thread(people):
    return start_thread(arena_for(people), people.participant)


def add_posts(thread, tops: int, replies_each: int, *, author) -> list[list[Post]]:
    """``tops`` top-level posts, each followed by ``replies_each`` replies to it: [[top, reply, ...], ...]."""
    groups, number = [], thread.last_number
    top_number = thread.top_level_count
    for _ in range(tops):
        number += 1
        top_number += 1
        top = Post.objects.create(
            thread=thread,
            author=author,
            number=number,
            top_number=top_number,
            body=f"Top {number}",
            body_html=f"<p>Top {number}</p>",
        )
        group = [top]
        for _ in range(replies_each):
            number += 1
            group.append(
                Post.objects.create(
                    thread=thread,
                    author=author,
                    number=number,
                    parent=top,
                    root=top,
                    depth=1,
                    body=f"Reply {number}",
                    body_html=f"<p>Reply {number}</p>",
                )
            )
        groups.append(group)
    Thread.objects.filter(pk=thread.pk).update(
        top_level_count=top_number, last_number=number, post_count=number
    )
    thread.refresh_from_db()
    return groups


def url(thread, query=""):
    return f"/arenas/{thread.arena.slug}/threads/{thread.pk}/{query}"


def shown_numbers(page: str) -> set[int]:
    return {int(n) for n in re.findall(r'<article id="post-(\d+)"', page)}


def test_a_post_with_25_replies_shows_the_first_ten_and_15_more_replies(client, people, thread):
    [[top, *replies]] = add_posts(thread, 1, 25, author=people.participant)

    page = html(client.get(url(thread)))

    shown = shown_numbers(page)
    assert {r.number for r in replies[:REPLIES_SHOWN]} <= shown
    assert not {r.number for r in replies[REPLIES_SHOWN:]} & shown
    eleventh = replies[REPLIES_SHOWN].number
    assert (
        f'<a href="{url(thread)}?post={eleventh}#post-{eleventh}">15 more replies'
        f'<span class="visually-hidden"> to post {top.number}</span></a>'
    ) in page


def test_the_link_shows_every_reply(client, people, thread):
    [[top, *replies]] = add_posts(thread, 1, 25, author=people.participant)
    page = html(client.get(url(thread)))
    link = re.search(r'<p class="more-replies"><a href="([^"]+)"', page).group(1).replace("&amp;", "&")

    expanded = html(client.get(link))

    assert {top.number, *(r.number for r in replies)} <= shown_numbers(expanded)
    assert "more replies" not in expanded


def test_one_reply_beyond_the_first_ten_says_1_more_reply(client, people, thread):
    add_posts(thread, 1, REPLIES_SHOWN + 1, author=people.participant)

    page = html(client.get(url(thread)))

    assert ">1 more reply<" in page


def test_ten_replies_show_without_a_link(client, people, thread):
    [[_top, *replies]] = add_posts(thread, 1, REPLIES_SHOWN, author=people.participant)

    page = html(client.get(url(thread)))

    assert {r.number for r in replies} <= shown_numbers(page)
    assert "more-replies" not in page


@pytest.mark.parametrize("order", ["oldest", "newest"])
def test_a_link_to_reply_20_shows_reply_20_and_the_other_posts_stay_capped(client, people, thread, order):
    [[_, *busy], [_other, *others]] = add_posts(thread, 2, 25, author=people.participant)
    twentieth = busy[19].number
    extra = "&order=newest" if order == "newest" else ""

    page = html(client.get(url(thread, f"?post={twentieth}{extra}")))

    shown = shown_numbers(page)
    assert twentieth in shown and {r.number for r in busy} <= shown
    assert not {r.number for r in others[REPLIES_SHOWN:]} & shown  # the other post keeps its cap
    assert "15 more replies" in page


def test_a_reply_to_a_reply_beyond_the_cap_is_shown_under_its_parent_when_linked(client, people, thread):
    [[top, *replies]] = add_posts(thread, 1, 25, author=people.participant)
    deep = Post.objects.create(
        thread=thread,
        author=people.participant,
        number=thread.last_number + 1,
        parent=replies[-1],
        root=top,
        depth=2,
        body="Deep",
        body_html="<p>Deep</p>",
    )
    Thread.objects.filter(pk=thread.pk).update(last_number=deep.number, post_count=deep.number)

    capped = html(client.get(url(thread)))
    linked = html(client.get(url(thread, f"?post={deep.number}")))

    assert deep.number not in shown_numbers(capped) and "16 more replies" in capped
    parent_at = linked.index(f'id="post-{replies[-1].number}"')
    assert parent_at < linked.index("post-replies", parent_at) < linked.index(f'id="post-{deep.number}"')


def test_a_reply_written_under_a_busy_post_appears_in_the_swapped_posts_region(client, people, thread):
    [[top, *_]] = add_posts(thread, 1, 25, author=people.facilitator)
    sign_in(client, people.participant)

    response = client.post(
        url(thread, f"posts/{top.number}/reply/"), {"body": "Mine, the 26th"}, headers={"HX-Request": "true"}
    )

    mine = Post.objects.get(thread=thread, body="Mine, the 26th")
    assert mine.number in shown_numbers(html(response))


def busy_page(arena, people, replies_each: int, query: str) -> tuple[Thread, str]:
    thread = start_thread(arena, people.convener)
    groups = add_posts(thread, 50, replies_each, author=people.participant)
    return thread, url(thread, query.format(deep=groups[10][-1].number))


@pytest.mark.parametrize("viewer", ["anonymous", "participant"])
@pytest.mark.parametrize("query", ["", "?post={deep}"])
def test_the_page_costs_the_same_with_3_or_30_replies_under_each_of_50_posts(
    client, people, viewer, query, django_assert_num_queries, settings
):
    settings.ARENA_PAGE_CACHE_SECONDS = 0  # the page's own queries, not a copy from the page cache
    arena = arena_for(people)
    sign_in(client, getattr(people, viewer))
    _, small = busy_page(arena, people, 3, query)
    _, big = busy_page(arena, people, 30, query)
    client.get(small)  # the session and such, warmed alike for both sizes
    with CaptureQueriesContext(connection) as measured:
        small_page = html(client.get(small))

    with django_assert_num_queries(len(measured)):
        big_page = html(client.get(big))

    assert small_page.count('class="post-item post-depth-1"') == 50 * 3
    expanded = 30 - REPLIES_SHOWN if query else 0  # a ?post= link to a reply shows all of its post's
    assert big_page.count('class="post-item post-depth-1"') == 50 * REPLIES_SHOWN + expanded
    assert big_page.count('class="post-item post-depth-0"') == 50


def test_the_api_still_lists_every_reply(client, people, thread):
    [[top, *replies]] = add_posts(thread, 1, 25, author=people.participant)

    results = client.get(f"/api/v1/threads/{thread.pk}/posts/").json()["results"]

    assert [p["number"] for p in results] == [top.number, *(r.number for r in replies)]
