"""How a query is read: English and Danish stemming, the websearch syntax ("a phrase", -word, or), and
what is refused or cleaned before searching (too long, control characters, empty, an unknown type)."""

import pytest

from arenas.deliberation.services.posts import post_create
from arenas.deliberation.services.threads import thread_create
from arenas.models import Role
from platform_core.search.query import MAX_LENGTH
from tests.factories import ArenaFactory, MembershipFactory

from .helpers import api, api_hits, page, page_hits

pytestmark = pytest.mark.django_db

POSTS = {
    "crossings": "Two new crossings near the school would help.",
    "danish": "Vi har brug for bedre skoleveje i hele byen.",
    "definite": "Skolevejen er mørk om vinteren.",  # only the Danish stemmer makes this "skolevej"
    "phrase": "The green bridge over the river is safe.",
    "apart": "This bridge is painted green and it is narrow.",
    "lane": "A bicycle lane along Ring Road.",
    "parking": "Bicycle parking at the school gate.",
    "tractor": "A tractor blocks the path every morning.",
    "scooter": "Scooters are left on the pavement.",
}


@pytest.fixture
def posts(db):
    arena = ArenaFactory(slug="safer-school-routes", title="Safer school routes")
    author = MembershipFactory(arena=arena, role=Role.PARTICIPANT).user
    thread = thread_create(arena=arena, author=author, title="Ideas for the route")
    return {key: post_create(thread=thread, author=author, body=body) for key, body in POSTS.items()}


def found(client, query, **params) -> set[int]:
    """The ids of the posts found by ``query``, the same through the API and the page."""
    hits = api_hits(api(client, None, q=query, type="post", **params))
    shown = page_hits(page(client, None, q=query, type="post", **params))
    ids = {hit["id"] for hit in hits}
    assert {int(hit["url"].rsplit("post-", 1)[1]) for hit in shown} == {
        int(hit["url"].rsplit("post-", 1)[1]) for hit in hits
    }
    return ids


def ids(posts, *keys) -> set[int]:
    return {posts[key].pk for key in keys}


# --- stemming --------------------------------------------------------------------------------------------------


def test_english_stemming_finds_other_forms_of_a_word(client, posts):
    assert found(client, "crossing") == ids(posts, "crossings")
    excerpt = api_hits(api(client, None, q="crossing", type="post"))[0]["excerpt"]
    assert "<mark>crossings</mark>" in excerpt


def test_danish_stemming_finds_other_forms_of_a_word(client, posts):
    assert found(client, "skolevej") == ids(posts, "danish", "definite")
    assert found(client, "skoleveje") == ids(posts, "danish", "definite")


def test_a_danish_viewer_sees_the_danish_form_marked(client, posts):
    response = client.get("/api/v1/search/?q=skolevej&type=post", HTTP_ACCEPT_LANGUAGE="da")

    excerpts = " ".join(hit["excerpt"] for hit in api_hits(response))
    assert "<mark>skoleveje</mark>" in excerpts
    assert "<mark>Skolevejen</mark>" in excerpts  # marked by the Danish stemmer, not the English one


def test_a_word_that_is_nowhere_finds_nothing(client, posts):
    assert found(client, "helicopter") == set()


# --- websearch syntax ---------------------------------------------------------------------------------------


def test_a_quoted_phrase_finds_the_words_together_and_in_order(client, posts):
    assert found(client, '"green bridge"') == ids(posts, "phrase")
    assert found(client, "green bridge") == ids(posts, "phrase", "apart")


def test_a_minus_leaves_a_word_out(client, posts):
    assert found(client, "bicycle") == ids(posts, "lane", "parking")
    assert found(client, "bicycle -parking") == ids(posts, "lane")


def test_or_between_words_finds_either(client, posts):
    assert found(client, "tractor scooter") == set()
    assert found(client, "tractor or scooter") == ids(posts, "tractor", "scooter")


# --- what is refused or cleaned -----------------------------------------------------------------------------


def test_a_query_one_character_too_long_is_refused_with_the_error_on_q(client, posts):
    too_long = "crossing " + "x" * (MAX_LENGTH + 1 - len("crossing "))
    assert len(too_long) == MAX_LENGTH + 1

    response = page(client, None, q=too_long)
    content = response.content.decode()
    assert response.status_code == 200
    assert "at most 200 characters" in content
    assert "search-hit" not in content
    answer = api(client, None, q=too_long)
    assert answer.status_code == 400
    assert answer.json()["error"]["code"] == "invalid"
    assert "at most 200 characters" in answer.json()["error"]["fields"]["q"][0]


def test_a_query_of_exactly_the_limit_is_searched(client, posts):
    longest = "crossing " + "x" * (MAX_LENGTH - len("crossing "))

    assert api(client, None, q=longest).status_code == 200
    assert "at most 200 characters" not in page(client, None, q=longest).content.decode()


@pytest.mark.parametrize("query", ["cross\x00ing", "crossing\x00", "\x00"])
def test_a_nul_character_is_refused_as_input_not_a_server_error(client, posts, query):
    response = page(client, None, q=query)
    answer = api(client, None, q=query)

    assert response.status_code == 200
    assert "Null characters are not allowed." in response.content.decode()
    assert "search-hit" not in response.content.decode()
    assert answer.status_code == 400
    assert answer.json()["error"]["fields"] == {"q": ["Null characters are not allowed."]}


@pytest.mark.parametrize("query", ["\x01\x02crossing\x1f", "crossing\x7f", "\x1bcrossing\r\n", "\x01"])
def test_other_control_characters_are_searched_around(client, posts, query):
    response = page(client, None, q=query)
    answer = api(client, None, q=query)

    assert response.status_code == 200
    assert answer.status_code == 200
    expected = 0 if query == "\x01" else 1
    assert len(page_hits(response)) == len(api_hits(answer)) == expected


def test_control_characters_other_than_nul_are_read_as_spaces(client, posts):
    assert found(client, "\x01crossing\x1f") == ids(posts, "crossings")
    assert found(client, "bicycle\x09-parking") == ids(posts, "lane")


@pytest.mark.parametrize("query", ["", "   ", "\t"])
def test_an_empty_query_finds_nothing_and_is_no_error(client, posts, query):
    response = page(client, None, q=query)
    content = response.content.decode()
    answer = api(client, None, q=query)

    assert response.status_code == 200
    assert "search-hit" not in content
    assert "invalid-feedback" not in content
    assert answer.status_code == 200
    assert answer.json() == {"count": 0, "next": None, "previous": None, "results": []}


def test_an_unknown_type_is_refused(client, posts):
    answer = api(client, None, q="crossing", type="comment")
    response = page(client, None, q="crossing", type="comment")

    assert answer.status_code == 400
    assert set(answer.json()["error"]["fields"]) == {"type"}
    assert response.status_code == 200
    assert "search-hit" not in response.content.decode()
    assert "is-invalid" in response.content.decode()
