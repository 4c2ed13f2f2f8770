"""The organisation's portfolio on /orgs/<slug>/: every prototype across its arenas that the viewer may
see, filterable by stage and arena, with counts per stage that follow the arena filter."""

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from arenas.models import Arena
from tests.factories import ArenaFactory, PrototypeFactory

from .pages_helpers import html, set_stage, sign_in, world

pytestmark = pytest.mark.django_db


@pytest.fixture
def people():
    people = world()
    set_stage(people.private.prototype, "testing")
    PrototypeFactory(arena=people.public.arena, title="Crossing guard rota")
    people.elsewhere = PrototypeFactory(arena=ArenaFactory(), title="Another town's idea")
    return people


def org_page(client, people, query=""):
    return client.get(reverse("arenas:organisation", args=[people.organisation.slug]) + query)


def count_of(page, label: str) -> str:
    """The number next to a stage in the counts row."""
    counts = html(page).split('class="stage-counts"')[1].split("</ul>")[0]
    return counts.split(f'{label} <span class="fw-semibold">')[1].split("<")[0]


def test_an_outsider_sees_the_public_arena_s_prototypes_only(client, people):
    sign_in(client, people.outsider)

    page = org_page(client, people)

    assertContains(page, "Portfolio of prototypes")
    assertContains(page, "Walking bus (public)")
    assertContains(page, "Crossing guard rota")
    assertNotContains(page, "Walking bus (private)")
    assertNotContains(page, "Another town")
    assertContains(page, "2 prototypes across Northbridge Municipality")
    assert count_of(page, "Idea") == "2"
    assert count_of(page, "Testing") == "0"
    assertNotContains(page, "routes-private")  # the hidden arena is not even a filter choice


def test_a_member_of_the_private_arena_sees_its_prototypes_too(client, people):
    sign_in(client, people.observer)

    page = org_page(client, people)

    assertContains(page, "Walking bus (private)")
    assertContains(page, "3 prototypes across")
    assert count_of(page, "Testing") == "1"
    assertContains(page, "Resident 1, Public employee 1")


def test_filtering_by_stage_keeps_the_counts(client, people):
    sign_in(client, people.observer)

    page = org_page(client, people, "?stage=testing")

    assertContains(page, "Walking bus (private)")
    assertNotContains(page, "Walking bus (public)")
    assertContains(page, '<option value="testing" selected>')
    assert count_of(page, "Idea") == "2"
    assertContains(page, 'href="?stage=testing#portfolio" aria-current="true"')


def test_filtering_by_arena_counts_within_that_arena(client, people):
    sign_in(client, people.observer)

    page = org_page(client, people, "?arena=routes-public")

    assertContains(page, "Walking bus (public)")
    assertNotContains(page, "Walking bus (private)")
    assert count_of(page, "Testing") == "0"
    assert count_of(page, "Idea") == "2"
    assertContains(page, 'href="?stage=idea&amp;arena=routes-public#portfolio"')


def test_the_arena_filter_offers_only_arenas_with_prototypes(client, people):
    ArenaFactory(organisation=people.organisation, title="Harbour renewal", slug="harbour")

    page = org_page(client, people)

    assertContains(page, '<option value="routes-public">')
    assertNotContains(page, "Harbour renewal</option>")


def test_a_filter_with_no_match_says_so_and_how_to_clear_it(client, people):
    page = org_page(client, people, "?stage=scaled")

    assertContains(page, "No prototypes match these filters.")
    assertContains(page, "Clear the filters")


def test_a_hidden_arena_in_the_filter_is_ignored(client, people):
    page = org_page(client, people, "?arena=routes-private")

    assertNotContains(page, "Walking bus (private)")
    assertContains(page, "Walking bus (public)")


def test_an_organisation_without_prototypes_says_where_they_start(client, people):
    Arena.objects.filter(organisation=people.organisation).delete()

    page = org_page(client, people)

    assertContains(page, "No prototypes yet in Northbridge Municipality")
