"""Nothing people write comes out of search as live markup: known XSS payloads in post texts and thread
titles stay text in excerpts and titles, on the page and in the API, where the only element is ``<mark>``;
and the private-use characters the excerpts are marked with, typed by a person, mark nothing."""

import re

import pytest

from arenas.deliberation.services.posts import post_create
from arenas.deliberation.services.threads import thread_create
from arenas.models import Role
from arenas.prototypes.services.prototypes import prototype_create
from platform_core.search.highlight import START, STOP
from tests.arenas.deliberation.api_helpers import unsafe_markup
from tests.arenas.deliberation.test_xss import PAYLOADS
from tests.factories import ArenaFactory, MembershipFactory

from .helpers import api, api_hits, page, page_hits

pytestmark = pytest.mark.django_db

CASES = [pytest.param(payload, id=f"{number:02d}") for number, payload in enumerate(PAYLOADS)]
# The word every test text holds, and words of the payloads, so that marks land inside them too.
QUERY = "zebra or alert or script or onerror or javascript or img or href"
_TAG = re.compile(r"<\s*(/?)\s*([a-zA-Z][\w:-]*)")


@pytest.fixture
def arena(db):
    return ArenaFactory(slug="safer-school-routes", title="Safer school routes")


@pytest.fixture
def author(arena):
    return MembershipFactory(arena=arena, role=Role.PARTICIPANT).user


def elements(html: str) -> set[str]:
    return {name.lower() for _slash, name in _TAG.findall(html)}


def assert_only_marks(html: str, where: str):
    assert elements(html) <= {"mark"}, (where, html)
    assert unsafe_markup(html) == [], (where, html)


@pytest.mark.parametrize("payload", CASES)
def test_a_payload_in_a_post_or_a_thread_title_stays_text(client, arena, author, payload):
    thread = thread_create(arena=arena, author=author, title=f"zebra {payload}"[:200])
    post_create(thread=thread, author=author, body=f"zebra crossing: {payload}")

    hits = api_hits(api(client, None, q=QUERY))
    response = page(client, None, q=QUERY)
    shown = page_hits(response)

    assert {hit["type"] for hit in hits} == {"thread", "post"}
    assert len(shown) == len(hits) == 2
    for hit in hits:
        assert_only_marks(hit["excerpt"], f"api excerpt of a {hit['type']}")
        assert_only_marks(hit["title_html"], f"api title of a {hit['type']}")
    for hit in shown:
        assert_only_marks(hit["excerpt"], f"page excerpt of a {hit['kind']}")
        assert_only_marks(hit["title_html"], f"page title of a {hit['kind']}")
    assert unsafe_markup(response.content.decode()) == []
    assert any("<mark>zebra</mark>" in hit["excerpt"] for hit in hits)


def test_what_looks_like_markup_is_still_shown_as_text(client, arena, author):
    thread = thread_create(arena=arena, author=author, title="zebra <img src=x onerror=alert(1)>")
    post_create(thread=thread, author=author, body="zebra: the kerb < the road & cars > bikes")

    hits = {hit["type"]: hit for hit in api_hits(api(client, None, q="zebra"))}
    shown = {hit["kind"]: hit for hit in page_hits(page(client, None, q="zebra"))}

    assert hits["thread"]["title"] == "zebra <img src=x onerror=alert(1)>"
    assert hits["thread"]["title_html"] == "<mark>zebra</mark> &lt;img src=x onerror=alert(1)&gt;"
    assert shown["Thread"]["title_html"] == "<mark>zebra</mark> &lt;img src=x onerror=alert(1)&gt;"
    assert "<mark>zebra</mark>: the kerb &lt; the road &amp; cars &gt; bikes" in hits["post"]["excerpt"]
    assert shown["Post"]["excerpt"] == hits["post"]["excerpt"]


# --- the excerpt markers, typed ------------------------------------------------------------------------------

FAKE = f"{START}fake{STOP}"


def mark_count(html: str) -> int:
    return html.count("<mark>")


def test_typed_markers_in_a_post_mark_nothing(client, arena, author):
    thread = thread_create(arena=arena, author=author, title="Crossing ideas")
    post_create(thread=thread, author=author, body=f"{FAKE} zebra {STOP}{START} crossing {START}")

    hits = api_hits(api(client, None, q="zebra", type="post"))
    shown = page_hits(page(client, None, q="zebra", type="post"))

    assert len(hits) == len(shown) == 1
    for excerpt in (hits[0]["excerpt"], shown[0]["excerpt"]):
        assert "<mark>zebra</mark>" in excerpt
        assert mark_count(excerpt) == 1, excerpt
        assert START not in excerpt and STOP not in excerpt


@pytest.mark.parametrize("kind", ["thread", "post"])
def test_typed_markers_in_a_thread_title_mark_nothing(client, arena, author, kind):
    """The title of a post's hit is its thread's: the markers typed into it mark nothing either."""
    thread = thread_create(arena=arena, author=author, title=f"{FAKE} zebra")
    post_create(thread=thread, author=author, body="zebra crossing")

    hits = api_hits(api(client, None, q="zebra", type=kind))
    shown = page_hits(page(client, None, q="zebra", type=kind))

    assert len(hits) == len(shown) == 1
    for title_html in (hits[0]["title_html"], shown[0]["title_html"]):
        assert "<mark>fake</mark>" not in title_html, title_html
        assert START not in title_html and STOP not in title_html
    assert mark_count(hits[0]["title_html"]) == (1 if kind == "thread" else 0)


def test_typed_markers_in_a_prototype_mark_nothing(client, arena, author):
    prototype_create(
        arena=arena,
        creator=author,
        title=f"{FAKE} zebra pilot",
        hypothesis=f"We believe that {FAKE} zebra crossings will result in safer routes.",
    )

    hit = api_hits(api(client, None, q="zebra", type="prototype"))[0]

    assert mark_count(hit["title_html"]) == 1 and "<mark>zebra</mark>" in hit["title_html"]
    assert "<mark>fake</mark>" not in hit["excerpt"]
