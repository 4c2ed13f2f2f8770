"""Query budgets: a search costs the same number of queries with 3 matching posts as with 30, over
several arenas and every kind, on the page and in the API, for a visitor, a participant and a moderator
(who also finds hidden posts) — and stays under a fixed ceiling."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from arenas.deliberation.services.posts import post_create, post_hide
from arenas.deliberation.services.threads import thread_create
from arenas.models import Role
from arenas.prototypes.services.prototypes import prototype_create
from arenas.search import arena_index
from tests.arenas.deliberation.api_helpers import auth
from tests.factories import ArenaFactory, MembershipFactory, OrganisationFactory, UserFactory

from .helpers import API, PAGE, api_hits, login, page_hits
from .scene import HYPOTHESIS

pytestmark = pytest.mark.django_db

# Measured: the search (ranked, counted and excerpted at once) and one query per kind shown — 5 for a
# visitor; a signed-in viewer adds the session and user (page) or the token (API) and their standing.
CEILING = {"page": 10, "api": 8}  # the session, the viewer, their arenas (two), the search, a query per kind


@pytest.fixture
def world(db):
    organisation = OrganisationFactory(slug="northbridge")
    people = {
        "anonymous": None,
        "participant": UserFactory(display_name="Cecilie Citizen"),
        "facilitator": UserFactory(display_name="Frederik Facilitator"),
    }
    arenas, threads = [], []
    for visibility in ("public", "restricted", "private"):
        arena = ArenaFactory(organisation=organisation, visibility=visibility, title=f"Lantern {visibility}")
        arena_index(arena)
        MembershipFactory(arena=arena, user=people["participant"], role=Role.PARTICIPANT)
        MembershipFactory(arena=arena, user=people["facilitator"], role=Role.FACILITATOR)
        thread = thread_create(
            arena=arena, author=people["participant"], title=f"Lantern thread {visibility}"
        )
        prototype_create(
            arena=arena,
            creator=people["participant"],
            title=f"Lantern pilot {visibility}",
            hypothesis=HYPOTHESIS,
        )
        hidden = post_create(thread=thread, author=people["participant"], body="A lantern post, hidden.")
        post_hide(post=hidden, actor=people["facilitator"], reason="Off-topic")
        arenas.append(arena)
        threads.append(thread)

    def grow(posts: int):
        """Add posts (by several authors, over the arenas' threads) until ``posts`` match."""
        existing = sum(thread.posts.filter(hidden_at__isnull=True).count() for thread in threads)
        for number in range(existing, posts):
            thread = threads[number % len(threads)]
            writer = (
                MembershipFactory(arena=thread.arena, role=Role.PARTICIPANT).user if number % 4 == 0 else None
            )
            post_create(thread=thread, author=writer or people["participant"], body=f"Lantern post {number}.")

    return people, grow


def queries(client, surface: str, user) -> tuple[int, list[str], int]:
    if surface == "page":
        login(client, user)
        headers = {}
    else:
        client.logout()
        headers = auth(user)
    url = f"{PAGE if surface == 'page' else API}?q=lantern"
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, **headers)
    hits = page_hits(response) if surface == "page" else api_hits(response)
    return len(captured), [query["sql"] for query in captured.captured_queries], len(hits)


@pytest.mark.parametrize("surface", ["page", "api"])
@pytest.mark.parametrize("who", ["anonymous", "participant", "facilitator"])
def test_a_search_costs_the_same_at_3_and_at_30_matching_posts(client, world, surface, who):
    people, grow = world
    user = people[who]
    kinds_shown = 4  # arenas, threads, prototypes and posts at both sizes

    grow(3)
    small, small_sql, small_hits = queries(client, surface, user)
    grow(30)
    large, large_sql, large_hits = queries(client, surface, user)

    assert small_hits < large_hits == 20, (small_hits, large_hits)
    assert large == small, "\n\n".join(large_sql)
    assert small <= CEILING[surface], "\n\n".join(small_sql)
    assert small >= kinds_shown + 1  # the search and one query per kind shown: the count is not vacuous


def test_the_budget_holds_with_pytest_djangos_ceiling_too(client, world, django_assert_max_num_queries):
    people, grow = world
    grow(30)
    login(client, people["facilitator"])

    with django_assert_max_num_queries(CEILING["page"]):
        response = client.get(f"{PAGE}?q=lantern&page=2")

    assert len(page_hits(response)) > 0
