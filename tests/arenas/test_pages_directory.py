"""The arena directory through the client: what it lists to whom, the cards, search, filters and paging,
who is offered "Open an arena"; opening a new arena (the form, the draft it makes, what it refuses); an
organisation's page; and the directory's query budget."""

import re

import pytest
from django.test import Client
from pytest_django.asserts import assertContains, assertRedirects

from arenas.models import Arena, Membership, Phase, Playbook, Role
from tests.arenas.pages_helpers import DIRECTORY, html, make_arena, sign_in
from tests.factories import (
    ArenaFactory,
    MembershipFactory,
    OrganisationFactory,
    PlaybookFactory,
    TopicFactory,
)

pytestmark = pytest.mark.django_db

NEW = "/arenas/new/"


# --- The directory --------------------------------------------------------------------------------------------


def directory_titles(client, query=""):
    page = html(client.get(f"{DIRECTORY}{query}"))
    return {a.title for a in Arena.objects.all() if f">{a.title}</a>" in page}


@pytest.fixture
def spread(people):
    """One arena of every kind; the outsider belongs to none, the participant to all."""
    kinds = {
        "Public open": {"visibility": "public", "status": "open"},
        "Restricted open": {"visibility": "restricted", "status": "open"},
        "Public closed": {"visibility": "public", "status": "closed"},
        "Private open": {"visibility": "private", "status": "open"},
        "Public draft": {"visibility": "public", "status": "draft"},
        "Public archived": {"visibility": "public", "status": "archived"},
    }
    return {title: make_arena(people, title=title, **kind) for title, kind in kinds.items()}


def test_the_directory_lists_what_anyone_may_see_and_leaves_out_archived(client, spread):
    assert directory_titles(client) == {"Public open", "Restricted open", "Public closed"}


def test_the_directory_shows_archived_arenas_on_request(client, spread):
    assert "Public archived" in directory_titles(client, "?archived=1")
    assert directory_titles(client, "?status=archived") == {"Public archived"}


def test_members_see_their_private_arena_and_conveners_their_draft(people, spread):
    participant = directory_titles(sign_in(Client(), people.participant))
    convener = directory_titles(sign_in(Client(), people.convener))
    outsider = directory_titles(sign_in(Client(), people.outsider))

    assert "Private open" in participant and "Public draft" not in participant
    assert {"Private open", "Public draft"} <= convener
    assert outsider == {"Public open", "Restricted open", "Public closed"}


def test_a_card_shows_organisation_visibility_status_phase_topics_and_members(client, people):
    arena = make_arena(people, title="Safer school routes", visibility="restricted")
    arena.topics.add(TopicFactory(name="Schools"))

    page = html(client.get(DIRECTORY))
    card = page[page.index("Safer school routes") :]

    for shown in ("Northbridge Municipality", "Restricted", "Open", "Framing the problem", "Schools"):
        assert shown in card
    assert "<dt>Members</dt><dd>3</dd>" in card


def test_search_finds_titles_and_problem_statements(client, people):
    make_arena(people, title="Safer school routes")
    make_arena(people, title="Loneliness among seniors", problem_statement="Older residents feel isolated.")

    assert directory_titles(client, "?q=school") == {"Safer school routes"}
    assert directory_titles(client, "?q=isolated") == {"Loneliness among seniors"}


def test_each_filter_narrows_the_directory(client, people):
    other = OrganisationFactory(name="Southport Region", slug="southport")
    routes = make_arena(people, title="Safer school routes")
    routes.topics.add(TopicFactory(name="Mobility"))
    seniors = make_arena(people, title="Loneliness among seniors")
    seniors.current_phase = seniors.phases.get(name="Ideation")
    seniors.save()
    make_arena(people, title="Harbour renewal", organisation=other, status="closed")

    assert directory_titles(client, "?organisation=southport") == {"Harbour renewal"}
    assert directory_titles(client, "?topic=mobility") == {"Safer school routes"}
    assert directory_titles(client, "?phase=Ideation") == {"Loneliness among seniors"}
    assert directory_titles(client, "?status=closed") == {"Harbour renewal"}
    assert directory_titles(client, "?organisation=northbridge&status=open") == {
        "Safer school routes",
        "Loneliness among seniors",
    }


def test_no_match_says_so_and_offers_to_clear_the_filters(client, people):
    make_arena(people)

    page = html(client.get(f"{DIRECTORY}?q=nothing-like-this"))

    assert "No arenas match" in page
    assert f'<a href="{DIRECTORY}">clear the filters</a>' in page


def test_the_topic_filter_does_not_reveal_a_private_arenas_topics(client, people):
    make_arena(people, visibility="private").topics.add(TopicFactory(name="Housing"))
    make_arena(people).topics.add(TopicFactory(name="Mobility"))

    page = html(client.get(DIRECTORY))

    assert ">Mobility</option>" in page
    assert "Housing" not in page


def test_the_directory_pages_by_twenty_and_keeps_the_filters(client, people):
    for n in range(23):
        ArenaFactory(organisation=people.organisation, title=f"Street {n:02d}")

    first = html(client.get(f"{DIRECTORY}?q=Street"))
    second = html(client.get(f"{DIRECTORY}?q=Street&page=2"))

    assert first.count("arena-card") == 20 and second.count("arena-card") == 3
    assert "?q=Street&amp;page=2" in first


@pytest.mark.parametrize(
    ("role", "offered"),
    [
        ("anonymous", False),
        ("outsider", False),
        ("participant", False),
        ("org_staff", True),
        ("org_admin", True),
        ("site_admin", True),
    ],
)
def test_open_an_arena_is_offered_to_organisation_staff_and_site_admins(client, people, role, offered):
    sign_in(client, getattr(people, role))

    assert ("Open an arena" in html(client.get(DIRECTORY))) is offered


# --- Opening a new arena ----------------------------------------------------------------------------------


def test_opening_an_arena_needs_sign_in(client, people):
    response = client.get(NEW)

    assertRedirects(response, f"/accounts/login/?next={NEW}", fetch_redirect_response=False)


def test_a_citizen_may_not_open_an_arena(client, people):
    sign_in(client, people.participant)

    assert client.get(NEW).status_code == 403
    assert client.post(NEW, {"title": "Mine"}).status_code == 403


def test_the_form_offers_the_staffs_organisations_and_the_playbooks_they_may_use(client, people):
    OrganisationFactory(name="Southport Region", slug="southport")
    PlaybookFactory(name="Northbridge street playbook", organisation=people.organisation)
    PlaybookFactory(name="Southport harbour playbook", organisation=OrganisationFactory(slug="southport"))
    sign_in(client, people.org_staff)

    page = html(client.get(NEW))

    assert "Northbridge Municipality" in page and "Southport Region" not in page
    assert "Service redesign" in page and "Neighbourhood challenge" in page
    assert "Northbridge street playbook" in page and "Southport harbour playbook" not in page
    assert "Public: anyone sees it" in page


def create_data(people, **overrides):
    return {
        "organisation": people.organisation.pk,
        "playbook": "",
        "title": "Greener schoolyards",
        "problem_statement": "Schoolyards are **hot** asphalt.",
        "goals": "Shade and play.",
        "scope": "All primary schools",
        "visibility": "restricted",
        "topics": "Schools, Climate",
        **overrides,
    }


def test_staff_open_a_draft_arena_and_land_on_its_settings(client, people):
    playbook = Playbook.objects.get(slug="neighbourhood-challenge")
    sign_in(client, people.org_staff)

    response = client.post(NEW, create_data(people, playbook=playbook.pk), follow=True)

    arena = Arena.objects.get(title="Greener schoolyards")
    assertRedirects(response, f"/arenas/{arena.slug}/settings/")
    assert (arena.status, arena.visibility, arena.organisation) == (
        "draft",
        "restricted",
        people.organisation,
    )
    assert "<strong>hot</strong>" in arena.problem_statement_html
    assert sorted(t.name for t in arena.topics.all()) == ["Climate", "Schools"]
    assert [p.name for p in arena.phases.order_by("order")] == [p["name"] for p in playbook.phases]
    assert Membership.objects.get(arena=arena, user=people.org_staff).role == Role.CONVENER
    assertContains(response, "is saved as a draft")
    assertContains(response, "Open the arena")


def test_an_invalid_form_shows_the_errors_and_writes_nothing(client, people):
    sign_in(client, people.org_staff)

    response = client.post(NEW, create_data(people, title="", visibility="secret"))

    assertContains(response, "Please correct the following")
    assertContains(response, 'href="#id_title"')
    assert not Arena.objects.exists()


def test_another_organisations_playbook_is_refused(client, people):
    foreign = PlaybookFactory(
        name="Southport harbour playbook", organisation=OrganisationFactory(slug="southport")
    )
    sign_in(client, people.org_staff)

    response = client.post(NEW, create_data(people, playbook=foreign.pk))

    assert response.status_code == 200
    assert not Arena.objects.exists()


def test_a_service_refusal_becomes_a_form_error_and_writes_nothing(client, people, monkeypatch):
    from django.core.exceptions import ValidationError

    def refuse(**kwargs):
        raise ValidationError({"title": "That title is taken by a sister arena."})

    monkeypatch.setattr("arenas.views.directory.arena_create", refuse)
    sign_in(client, people.org_staff)

    response = client.post(NEW, create_data(people))

    assertContains(response, "That title is taken by a sister arena.")
    assert not Arena.objects.exists() and not Phase.objects.exists()


def test_a_site_admin_may_open_an_arena_for_any_organisation(client, people):
    OrganisationFactory(name="Southport Region", slug="southport")
    sign_in(client, people.site_admin)

    page = html(client.get(NEW))

    assert "Northbridge Municipality" in page and "Southport Region" in page


# --- An organisation's page ---------------------------------------------------------------------------


def test_an_organisations_page_lists_the_arenas_the_viewer_may_see(client, people, spread):
    OrganisationFactory(name="Southport Region", slug="southport")
    people.organisation.description = "A mid-sized municipality."
    people.organisation.save()

    page = html(client.get("/orgs/northbridge/"))

    assert '<h1 class="mb-0" dir="auto">Northbridge Municipality</h1>' in page
    assert "A mid-sized municipality." in page and "https://municipality.example.org" in page
    assert "Public open" in page and "Restricted open" in page
    assert "Private open" not in page and "Public draft" not in page and "Public archived" not in page
    assert "Private open" in html(sign_in(Client(), people.participant).get("/orgs/northbridge/"))
    assert client.get("/orgs/no-such-org/").status_code == 404


def test_an_organisation_without_visible_arenas_says_so(client, people):
    make_arena(people, visibility="private")

    assertContains(client.get("/orgs/northbridge/"), "has no arenas you can see yet")


# --- Query budgets ------------------------------------------------------------------------------------------

DIRECTORY_BUDGET = 10  # measured: 6 anonymous, 10 signed in (session, user, org roles, unread count)


@pytest.mark.parametrize("size", [5, 40])
@pytest.mark.parametrize("viewer", ["anonymous", "participant"])
def test_the_directory_costs_the_same_queries_at_5_and_40_arenas(
    client, people, django_assert_max_num_queries, size, viewer
):
    topics = [TopicFactory(name=name) for name in ("Mobility", "Schools", "Health")]
    for n in range(size):
        arena = ArenaFactory(organisation=people.organisation, title=f"Arena {n}")
        arena.topics.set(topics)
        MembershipFactory(arena=arena, user=people.participant)
        MembershipFactory.create_batch(2, arena=arena)
    sign_in(client, getattr(people, viewer))

    with django_assert_max_num_queries(DIRECTORY_BUDGET):
        response = client.get(DIRECTORY)

    assert response.content.decode().count("arena-card") == min(size, 20)


# --- What each playbook brings (before one is chosen) ----------------------------------------------------------


def test_each_playbook_choice_shows_its_phases_and_starter_threads(client, people):
    PlaybookFactory(
        name="Northbridge street playbook",
        organisation=people.organisation,
        phases=[{"name": "Walk the street", "days": 7}, {"name": "Try it out", "days": 1}],
        starter_threads=[{"title": "Where is it unsafe to cross?", "kind": "question", "phase": 0}],
    )
    sign_in(client, people.org_staff)

    page = re.sub(r"\s+", " ", html(client.get(NEW)))

    assert "What each playbook brings" in page
    neighbourhood = page[page.index('id="playbook-preview-') :]
    service = Playbook.objects.get(slug="service-redesign")
    preview = page[page.index(f'id="playbook-preview-{service.pk}"') :]
    preview = preview[: preview.index("</details>")]
    assert "5 phases, 3 starter threads" in preview
    assert '<span dir="auto">Framing the problem</span> — 21 days' in preview
    assert '<li dir="auto">Who uses the service, and who does not but should?</li>' in preview
    assert "Walk the street</span> — 7 days" in page and "Try it out</span> — 1 day<" in page
    assert '<li dir="auto">Where is it unsafe to cross?</li>' in page
    none = neighbourhood[: neighbourhood.index("</details>")]
    assert "None: the standard five phases" in none and "None: the arena starts without threads." in none
