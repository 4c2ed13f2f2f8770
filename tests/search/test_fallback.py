"""The plain fallback (SQLite has no full-text search): with ``engines.uses_full_text`` answering no, the
same searches work by case-insensitive substrings, titles first and then newer, with the same syntax and
the same visibility — checked here on PostgreSQL, with the engine switched."""

import pytest

from arenas.deliberation.services.posts import post_create
from arenas.deliberation.services.threads import thread_create
from platform_core.search.highlight import START, STOP
from tests.arenas.deliberation.api_helpers import unsafe_markup

from .helpers import api, api_hits, at, page, page_hits
from .scene import LABELS, MODERATES, ROLES, expected, person

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def substrings(monkeypatch):
    monkeypatch.setattr("platform_core.search.engines.uses_full_text", lambda: False)


@pytest.fixture
def talk(arena, author):
    with at(0):
        titled = thread_create(arena=arena, author=author, title="The pothole on Mill Lane")
    with at(1):
        other = thread_create(arena=arena, author=author, title="Ideas for the route")
    posts = {}
    for minute, (key, body) in enumerate(
        {
            "older": "Someone should fill that POTHOLE.",
            "newer": "The pothole is deeper every week.",
            "crossings": "Two new crossings near the school would help.",
            "danish": "Vi har brug for bedre skoleveje.",
            "lane": "A bicycle lane along Ring Road.",
            "parking": "Bicycle parking at the school gate.",
            "phrase": "The green bridge is safe.",
            "apart": "This bridge is green.",
        }.items(),
        start=10,
    ):
        with at(minute):
            posts[key] = post_create(thread=other, author=author, body=body)
    return titled, posts


def found(client, query, **params) -> list[tuple[str, int]]:
    hits = api_hits(api(client, None, q=query, **params))
    shown = page_hits(page(client, None, q=query, **params))
    assert [hit["url"].split("testserver", 1)[-1] for hit in hits] == [hit["url"] for hit in shown]
    return [(hit["type"], hit["id"]) for hit in hits]


def test_substrings_find_titles_first_then_newer(client, talk):
    titled, posts = talk

    assert found(client, "pothole") == [
        ("thread", titled.pk),
        ("post", posts["newer"].pk),
        ("post", posts["older"].pk),
    ]


def test_case_does_not_matter_and_the_excerpt_marks_what_was_found(client, talk):
    _titled, posts = talk

    hits = api_hits(api(client, None, q="Pothole", type="post"))

    assert [hit["id"] for hit in hits] == [posts["newer"].pk, posts["older"].pk]
    assert "<mark>pothole</mark>" in hits[0]["excerpt"]
    assert "<mark>POTHOLE</mark>" in hits[1]["excerpt"]


def test_a_part_of_a_word_finds_the_longer_forms(client, talk):
    _titled, posts = talk

    assert found(client, "crossing", type="post") == [("post", posts["crossings"].pk)]
    assert found(client, "skolevej", type="post") == [("post", posts["danish"].pk)]


def test_the_syntax_is_the_same(client, talk):
    _titled, posts = talk

    assert found(client, '"green bridge"', type="post") == [("post", posts["phrase"].pk)]
    assert set(found(client, "green bridge", type="post")) == {
        ("post", posts["phrase"].pk),
        ("post", posts["apart"].pk),
    }
    assert found(client, "bicycle -parking", type="post") == [("post", posts["lane"].pk)]
    assert set(found(client, "lane or parking", type="post")) == {
        ("post", posts["lane"].pk),
        ("post", posts["parking"].pk),
    }
    assert found(client, "helicopter") == []


def test_the_count_is_exact_however_many_match(client, talk, monkeypatch):
    monkeypatch.setattr("platform_core.search.engines.CANDIDATES", 1)

    answer = api(client, None, q="pothole").json()

    assert answer["count"] == 3
    assert "3 results for" in page(client, None, q="pothole").content.decode()


def test_markup_and_typed_markers_stay_text(client, arena, author):
    thread = thread_create(
        arena=arena, author=author, title=f"zebra <img src=x onerror=alert(1)> {START}x{STOP}"
    )
    post_create(thread=thread, author=author, body=f"zebra {START}fake{STOP} <script>alert(1)</script>")

    hits = api_hits(api(client, None, q="zebra"))
    response = page(client, None, q="zebra")

    assert {hit["type"] for hit in hits} == {"thread", "post"}
    for hit in hits + page_hits(response):
        for html in (hit.get("excerpt", ""), hit["title_html"]):
            assert unsafe_markup(html) == [], html
            assert (
                html.count("<mark>") <= 1 and "<mark>fake</mark>" not in html and "<mark>x</mark>" not in html
            )
    assert unsafe_markup(response.content.decode()) == []


# --- visibility holds ------------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_each_role_finds_what_it_may_see(client, scene, role):
    hits = api_hits(api(client, person(scene, role), q="lantern"))
    shown = page_hits(page(client, person(scene, role), q="lantern"))

    assert sorted((hit["type"], hit["arena"]["slug"], hit["hidden"]) for hit in hits) == sorted(
        expected(role).elements()
    )
    assert sorted((LABELS[hit["kind"]], hit["arena"], hit["hidden"]) for hit in shown) == sorted(
        expected(role).elements()
    )


@pytest.mark.parametrize("role", ROLES)
def test_hidden_posts_only_for_moderators_and_deleted_ones_never(client, scene, role):
    hidden = api_hits(api(client, person(scene, role), q="hiddenword"))

    assert bool(hidden) == (role in MODERATES)
    assert all(hit["hidden"] for hit in hidden)
    assert api_hits(api(client, person(scene, role), q="deletedword")) == []
    assert page_hits(page(client, person(scene, role), q="deletedword")) == []


def test_the_author_of_a_hidden_post_does_not_find_it(client, scene):
    assert api_hits(api(client, scene.people.author, q="hiddenword")) == []
