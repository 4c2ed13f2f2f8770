"""The order of results: a title match above a text match, newer first on a tie; pages of 20 that continue
each other in the same order on the page and in the API; ``count`` left out (and "More than" said) once
more than ``engines.CANDIDATES`` matched."""

import re
from urllib.parse import parse_qs, urlsplit

import pytest

from arenas.deliberation.services.posts import post_create
from arenas.deliberation.services.threads import thread_create
from platform_core.search.selectors import PER_PAGE

from .helpers import api, api_hits, at, page, page_hits, relative

pytestmark = pytest.mark.django_db


@pytest.fixture
def thread(arena, author):
    with at(0):
        return thread_create(arena=arena, author=author, title="Ideas for the route")


def many_posts(thread, author, count: int, body: str = "Fill the pothole on Mill Lane.") -> list:
    posts = []
    for minute in range(count):
        with at(10 + minute):
            posts.append(post_create(thread=thread, author=author, body=body))
    return posts


def asks(url: str) -> dict:
    """The query of an API link (on the search endpoint)."""
    parts = urlsplit(url)
    assert parts.path == "/api/v1/search/", url
    return parse_qs(parts.query)


def post_urls(hits) -> list[str]:
    return [relative(hit["url"]) for hit in hits]


def test_a_title_match_ranks_above_a_text_match_even_when_older(client, arena, author, thread):
    with at(1):
        titled = thread_create(arena=arena, author=author, title="Speed bumps by the school")
    with at(30):
        mentioned = thread_create(
            arena=arena, author=author, title="Traffic", body="Could we have speed bumps by the school gate?"
        )
    with at(40):
        post_create(thread=thread, author=author, body="Speed bumps slow the buses too.")

    hits = api_hits(api(client, None, q="speed bumps"))
    shown = page_hits(page(client, None, q="speed bumps"))

    assert (hits[0]["type"], hits[0]["id"]) == ("thread", titled.pk)
    assert {(hit["type"], hit["id"]) for hit in hits[1:]} >= {("thread", mentioned.pk)}
    assert {hit["type"] for hit in hits[1:]} == {"thread", "post"}
    assert [hit["title"] for hit in shown] == [hit["title"] for hit in hits]
    assert hits[0]["title_html"] == "<mark>Speed</mark> <mark>bumps</mark> by the school"


def test_newer_first_when_the_rank_is_the_same(client, thread, author):
    older, newer, newest = many_posts(thread, author, 3)

    hits = api_hits(api(client, None, q="pothole"))

    assert [hit["id"] for hit in hits] == [newest.pk, newer.pk, older.pk]
    assert post_urls(page_hits(page(client, None, q="pothole"))) == post_urls(hits)


def test_pages_continue_each_other_in_the_same_order_on_the_page_and_in_the_api(client, thread, author):
    posts = many_posts(thread, author, 2 * PER_PAGE + 5)
    newest_first = [post.pk for post in reversed(posts)]

    first, second, third = (api(client, None, q="pothole", page=n) for n in (1, 2, 3))

    assert [hit["id"] for hit in api_hits(first)] == newest_first[:PER_PAGE]
    assert [hit["id"] for hit in api_hits(second)] == newest_first[PER_PAGE : 2 * PER_PAGE]
    assert [hit["id"] for hit in api_hits(third)] == newest_first[2 * PER_PAGE :]
    for number, answer in enumerate((first, second, third), start=1):
        assert answer.json()["count"] == 2 * PER_PAGE + 5
        shown = page(client, None, q="pothole", page=number)
        assert post_urls(page_hits(shown)) == post_urls(api_hits(answer)), number
        assert f"Page {number} of 3" in shown.content.decode()


def test_next_and_previous_link_the_neighbouring_pages(client, thread, author):
    many_posts(thread, author, 2 * PER_PAGE + 5)

    first, second, third = (api(client, None, q="pothole", page=n).json() for n in (1, 2, 3))

    assert first["previous"] is None
    assert asks(first["next"]) == {"q": ["pothole"], "page": ["2"]}
    assert asks(second["previous"]) == {"q": ["pothole"], "page": ["1"]}
    assert asks(second["next"]) == {"q": ["pothole"], "page": ["3"]}
    assert asks(third["previous"]) == {"q": ["pothole"], "page": ["2"]}
    assert third["next"] is None
    links = re.findall(
        r'class="page-link" href="([^"]*)"', page(client, None, q="pothole", page=2).content.decode()
    )
    assert [link.replace("&amp;", "&") for link in links] == ["?q=pothole&page=1", "?q=pothole&page=3"]


def test_a_page_past_the_end_is_empty_and_says_so(client, thread, author):
    many_posts(thread, author, 3)

    answer = api(client, None, q="pothole", page=2).json()
    shown = page(client, None, q="pothole", page=2).content.decode()

    assert answer["results"] == [] and answer["count"] == 3 and answer["next"] is None
    assert "No more results." in shown


def test_count_is_left_out_when_more_than_the_candidates_matched(client, thread, author, monkeypatch):
    monkeypatch.setattr("platform_core.search.engines.CANDIDATES", 10)
    posts = many_posts(thread, author, 15)

    answer = api(client, None, q="pothole").json()
    shown = page(client, None, q="pothole").content.decode()

    assert "count" not in answer
    assert [hit["id"] for hit in answer["results"]] == [post.pk for post in reversed(posts)][:10]
    assert "More than 10 results" in shown
    assert "15 results" not in shown


@pytest.mark.parametrize("matching", [9, 10])
def test_count_is_given_when_no_more_than_the_candidates_matched(
    client, thread, author, monkeypatch, matching
):
    monkeypatch.setattr("platform_core.search.engines.CANDIDATES", 10)
    many_posts(thread, author, matching)

    answer = api(client, None, q="pothole").json()
    shown = page(client, None, q="pothole").content.decode()

    assert answer["count"] == matching
    assert f"{matching} results for" in shown
    assert "More than" not in shown
