"""An arena's page through the client: who sees it (everyone else gets 404, never 403, and a hidden arena
answers exactly like a missing one), what it shows (the problem, the phases, the stakeholder mix, the
member list and settings links, the status banners) and its query budget. Joining and leaving have their
own module (test_pages_joining.py), and so do the directory (test_pages_directory.py) and the settings
page (test_pages_settings_*.py)."""

import re

import pytest
from django.test import Client
from pytest_django.asserts import assertContains, assertNotContains

from tests.arenas.pages_helpers import ROLES, html, make_arena, page_of, sign_in
from tests.factories import MembershipFactory, TopicFactory, UserFactory

pytestmark = pytest.mark.django_db


# --- Who sees an arena's page ----------------------------------------------------------------------------

SEES = {
    # (visibility, status): the roles that see the page; everyone else gets 404
    ("public", "open"): set(ROLES),
    ("restricted", "open"): set(ROLES),
    ("public", "closed"): set(ROLES),
    ("public", "archived"): set(ROLES),
    ("private", "open"): {"participant", "facilitator", "convener", "org_admin", "site_admin"},
    ("private", "closed"): {"participant", "facilitator", "convener", "org_admin", "site_admin"},
    ("public", "draft"): {"convener", "org_admin", "site_admin"},
    ("private", "draft"): {"convener", "org_admin", "site_admin"},
}


@pytest.mark.parametrize(("visibility", "status"), list(SEES))
@pytest.mark.parametrize("role", ROLES)
def test_who_sees_an_arena_page_and_everyone_else_gets_404_never_403(
    client, people, visibility, status, role
):
    arena = make_arena(people, visibility=visibility, status=status, title="Youth employment taskforce")
    sign_in(client, getattr(people, role))

    response = client.get(page_of(arena))

    if role in SEES[(visibility, status)]:
        assertContains(response, "Youth employment taskforce")
    else:
        assert response.status_code == 404
        assertNotContains(response, "Youth employment taskforce", status_code=404)


def test_a_hidden_arena_answers_exactly_like_a_missing_one(client, people):
    arena = make_arena(people, visibility="private", title="Youth employment taskforce")
    sign_in(client, people.outsider)

    hidden = client.get(page_of(arena))
    missing = client.get("/arenas/no-such-arena/")

    assert hidden.status_code == missing.status_code == 404
    assert without_tokens(html(hidden), arena.slug) == without_tokens(html(missing), "no-such-arena")


def without_tokens(page, slug):
    """The page without what differs on every request: CSRF tokens, nonces and the requested path."""
    return re.sub(r'(csrfmiddlewaretoken" value="|"X-CSRFToken": "|nonce=")[^"]+', r"\1", page).replace(
        slug, "SLUG"
    )


def test_org_staff_who_are_not_members_do_not_see_a_private_arena(client, people):
    arena = make_arena(people, visibility="private")
    sign_in(client, people.org_staff)

    assert client.get(page_of(arena)).status_code == 404


# --- What an arena's page shows ----------------------------------------------------------------------------


def test_the_arena_page_shows_the_problem_phases_and_stakeholder_mix(client, people):
    arena = make_arena(people, title="Safer school routes", scope="Northbridge east")
    arena.topics.add(TopicFactory(name="Mobility"))
    arena.current_phase = arena.phases.get(name="Ideation")
    arena.save()

    page = html(client.get(page_of(arena)))

    assert '<h1 dir="auto">Safer school routes</h1>' in page
    assert "Northbridge Municipality" in page
    assert "<p>Children walk to school along busy roads without safe crossings.</p>" in page
    assert "Northbridge east" in page and "Mobility" in page
    assert page.index("Framing the problem") < page.index("Ideation") < page.index("Prototyping")
    current = page[page.index('aria-current="step"') :]
    assert current.index("Ideation") < current.index("Prototyping")
    assert page.count('aria-current="step"') == 1
    assert "3 members" in page
    for label in ("Resident", "Expert or researcher", "Public employee"):
        assert label in page
    assert "Threads and prototypes will appear here" in page


def test_only_members_are_offered_the_member_list_and_only_conveners_the_settings(client, people):
    arena = make_arena(people)
    settings_link = f'href="/arenas/{arena.slug}/settings/"'

    outsider = html(sign_in(Client(), people.outsider).get(page_of(arena)))
    participant = html(sign_in(Client(), people.participant).get(page_of(arena)))
    convener = html(sign_in(Client(), people.convener).get(page_of(arena)))

    assert "Only members see who the other members are" in outsider
    assert "Only members see who the other members are" not in participant
    assert settings_link not in outsider and settings_link not in participant
    assert settings_link in convener


@pytest.mark.parametrize(
    ("status", "banner"),
    [
        ("draft", "This arena is a draft."),
        ("closed", "This arena is closed."),
        ("archived", "This arena is archived."),
    ],
)
def test_a_banner_explains_a_draft_closed_or_archived_arena(client, people, status, banner):
    arena = make_arena(people, status=status)
    sign_in(client, people.convener)

    assertContains(client.get(page_of(arena)), banner)


def test_an_open_arena_has_no_status_banner(client, people):
    page = html(client.get(page_of(make_arena(people))))

    assert "This arena is a draft." not in page and "This arena is closed." not in page


# --- Query budget --------------------------------------------------------------------------------------------

ARENA_PAGE_BUDGET = 13  # measured: 6 anonymous, 11 member, 12 non-member (+ pending invitation; recent activity: threads, posts; upcoming sessions)


@pytest.mark.parametrize("size", [5, 60])
@pytest.mark.parametrize("viewer", ["anonymous", "participant", "outsider"])
def test_the_arena_page_costs_the_same_queries_at_5_and_60_members(
    client, people, django_assert_max_num_queries, size, viewer
):
    arena = make_arena(people, visibility="public")
    arena.topics.set([TopicFactory(name="Mobility"), TopicFactory(name="Schools")])
    stakeholder_types = ["resident", "business", "civil_society", "service_user"]
    for n in range(size - 3):
        MembershipFactory(arena=arena, user=UserFactory(), stakeholder_type=stakeholder_types[n % 4])
    sign_in(client, getattr(people, viewer))

    with django_assert_max_num_queries(ARENA_PAGE_BUDGET):
        response = client.get(page_of(arena))

    assertContains(response, f"{size} members")
