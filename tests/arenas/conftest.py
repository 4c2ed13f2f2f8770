"""Fixtures shared by several test modules of the arenas; a module that defines a fixture of the same name
(many define their own ``arena`` or ``convener``) uses its own. ``people``: the arena page tests'
organisation with someone in every role; ``arena`` and ``convener``: the settings page tests' arena and its
convener, signed in; ``org`` and ``arenas``: the arenas API tests' organisation and one arena of each kind
that matters for who sees it."""

import pytest

from arenas.models import Arena
from tests.arenas.pages_helpers import make_arena, make_people, sign_in
from tests.factories import ArenaFactory, OrganisationFactory, TopicFactory

# --- the arena pages ---------------------------------------------------------------------------------------


@pytest.fixture
def people(db):
    return make_people()


# --- the settings page --------------------------------------------------------------------------------------


@pytest.fixture
def arena(people):
    arena = make_arena(people, title="Safer school routes")
    arena.topics.add(TopicFactory(name="Mobility"))
    return arena


@pytest.fixture
def convener(client, people):
    return sign_in(client, people.convener)


# --- the arenas API -----------------------------------------------------------------------------------------


@pytest.fixture
def org():
    return OrganisationFactory(name="Northbridge Municipality", slug="northbridge-municipality")


@pytest.fixture
def arenas(org):
    """One arena of each kind that matters for who sees it."""
    make = lambda slug, **fields: ArenaFactory(organisation=org, slug=slug, title=slug.title(), **fields)  # noqa: E731
    return {
        "public": make("public", visibility=Arena.Visibility.PUBLIC),
        "restricted": make("restricted", visibility=Arena.Visibility.RESTRICTED),
        "private": make("private", visibility=Arena.Visibility.PRIVATE),
        "draft": make("draft", status=Arena.Status.DRAFT),
        "archived": make("archived", status=Arena.Status.ARCHIVED),
    }
