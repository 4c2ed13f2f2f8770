"""The arena of a page for its viewer: the viewer's membership comes in the arena's own query, and pages
that show no phases or topics (the thread page) leave those lists out. The policy is the same: a hidden
arena is a 404, a banned member stays banned."""

import pytest
from django.http import Http404

from arenas.access import membership_of, standing
from arenas.models import Arena, Role, Standing
from arenas.selectors import arena_get_for_viewer
from tests.arenas.pages_helpers import make_arena, make_people
from tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(db):
    return make_people()


def test_a_member_gets_the_arena_and_their_membership_in_one_query(people, django_assert_num_queries):
    arena = make_arena(people)

    with django_assert_num_queries(1):
        found = arena_get_for_viewer(slug=arena.slug, viewer=people.facilitator, with_lists=False)
        membership = membership_of(people.facilitator, found)
    with django_assert_num_queries(1):  # the viewer's roles in organisations, once per request
        assert standing(people.facilitator, found) == Standing.FACILITATOR

    assert membership.role == Role.FACILITATOR and membership.arena is found


def test_with_its_lists_the_arena_page_gets_phases_and_topics_in_a_query_each(
    people, django_assert_num_queries
):
    arena = make_arena(people)

    with django_assert_num_queries(3):  # the arena with the membership, its phases, its topics
        found = arena_get_for_viewer(slug=arena.slug, viewer=people.participant)
    with django_assert_num_queries(0):
        assert [p.name for p in found.phases.all()][1:] == ["Ideation", "Prototyping"]


def test_someone_who_is_not_a_member_has_no_membership(people, django_assert_num_queries):
    arena = make_arena(people)

    found = arena_get_for_viewer(slug=arena.slug, viewer=people.outsider, with_lists=False)

    with django_assert_num_queries(0):
        assert membership_of(people.outsider, found) is None


def test_a_private_arena_is_a_404_for_an_outsider_and_a_banned_member(people):
    arena = make_arena(people, visibility=Arena.Visibility.PRIVATE)
    banned = MembershipFactory(arena=arena, banned=True).user

    for viewer in (None, people.outsider, banned):
        with pytest.raises(Http404):
            arena_get_for_viewer(slug=arena.slug, viewer=viewer, with_lists=False)
    assert arena_get_for_viewer(slug=arena.slug, viewer=people.participant).pk == arena.pk
