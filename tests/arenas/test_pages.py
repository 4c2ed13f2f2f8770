"""The arena pages through the client: the directory, an arena's page, joining and leaving, opening a new
arena, an organisation's page, and the query budgets of the directory and the arena page.
The settings page has its own module (test_pages_settings.py)."""

import re

import pytest
from django.test import Client
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from arenas.models import Arena, JoinRequest, Membership, Phase, Playbook, Role
from platform_core.notifications.models import Notification
from tests.arenas.pages_helpers import ROLES, html, make_arena, make_people, sign_in
from tests.factories import (
    ArenaFactory,
    InvitationFactory,
    MembershipFactory,
    OrganisationFactory,
    PlaybookFactory,
    TopicFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

DIRECTORY = "/arenas/"
NEW = "/arenas/new/"


@pytest.fixture
def people(db):
    return make_people()


def page_of(arena):
    return f"/arenas/{arena.slug}/"


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

    assert "<h1>Safer school routes</h1>" in page
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


# --- Joining, asking to join, leaving ----------------------------------------------------------------------


def test_anonymous_visitors_are_asked_to_sign_in_to_join(client, people):
    arena = make_arena(people)

    assertContains(client.get(page_of(arena)), f'href="/accounts/login/?next=/arenas/{arena.slug}/"')


def test_anonymous_post_to_join_goes_to_sign_in_and_back_to_the_arena(client, people):
    arena = make_arena(people)

    response = client.post(f"/arenas/{arena.slug}/join/")

    assertRedirects(response, f"/accounts/login/?next=/arenas/{arena.slug}/", fetch_redirect_response=False)


def test_a_signed_in_person_joins_a_public_arena_as_a_participant(client, people):
    arena = make_arena(people)
    sign_in(client, people.outsider)
    assertContains(client.get(page_of(arena)), "Join as participant")

    response = client.post(f"/arenas/{arena.slug}/join/", {"stakeholder_type": "business"})

    assertRedirects(response, page_of(arena))
    membership = Membership.objects.get(arena=arena, user=people.outsider)
    assert (membership.role, membership.stakeholder_type) == (Role.PARTICIPANT, "business")
    page = html(client.get(page_of(arena)))
    assert "You take part as Participant (Business)" in page
    assert "Leave this arena" in page


def test_joining_with_an_unknown_stakeholder_type_shows_the_error_and_joins_nobody(client, people):
    arena = make_arena(people)
    sign_in(client, people.outsider)

    response = client.post(f"/arenas/{arena.slug}/join/", {"stakeholder_type": "alien"})

    assertContains(response, "Please correct the following")
    assert not Membership.objects.filter(arena=arena, user=people.outsider).exists()


def test_join_and_leave_refuse_get(client, people):
    arena = make_arena(people)
    sign_in(client, people.participant)

    assert client.get(f"/arenas/{arena.slug}/join/").status_code == 405
    assert client.get(f"/arenas/{arena.slug}/leave/").status_code == 405
    assert Membership.objects.filter(arena=arena, user=people.participant).exists()


def test_asking_to_join_a_restricted_arena_waits_for_the_facilitators(client, people):
    arena = make_arena(people, visibility="restricted")
    sign_in(client, people.outsider)
    assertContains(client.get(page_of(arena)), "Ask to join")

    response = client.post(
        f"/arenas/{arena.slug}/join/",
        {"stakeholder_type": "service_user", "note": "I use the service weekly."},
    )

    assertRedirects(response, page_of(arena))
    request = JoinRequest.objects.get(arena=arena, user=people.outsider)
    assert (request.status, request.note, request.stakeholder_type) == (
        "pending",
        "I use the service weekly.",
        "service_user",
    )
    assert not Membership.objects.filter(arena=arena, user=people.outsider).exists()
    told = set(
        Notification.objects.filter(event="arenas.join_request_received").values_list("recipient", flat=True)
    )
    assert told == {people.facilitator.pk, people.convener.pk}
    page = html(client.get(page_of(arena)))
    assert "Your request is waiting" in page
    assert "Ask to join</button>" not in page


def test_asking_twice_shows_why_and_keeps_one_request(client, people):
    arena = make_arena(people, visibility="restricted")
    sign_in(client, people.outsider)
    client.post(f"/arenas/{arena.slug}/join/", {"stakeholder_type": "resident"}, follow=True)

    response = client.post(f"/arenas/{arena.slug}/join/", {"stakeholder_type": "resident"}, follow=True)

    assertContains(response, "You have already asked to join.")
    assertContains(response, "Your request is waiting.")
    assert JoinRequest.objects.filter(arena=arena, user=people.outsider).count() == 1


def test_a_participant_leaves(client, people):
    arena = make_arena(people)
    sign_in(client, people.participant)

    response = client.post(f"/arenas/{arena.slug}/leave/")

    assertRedirects(response, page_of(arena), fetch_redirect_response=False)
    assert not Membership.objects.filter(arena=arena, user=people.participant).exists()
    assertContains(client.get(page_of(arena)), "You left")


def test_leaving_a_private_arena_goes_back_to_the_directory(client, people):
    arena = make_arena(people, visibility="private")
    sign_in(client, people.participant)

    assertRedirects(client.post(f"/arenas/{arena.slug}/leave/"), DIRECTORY)


def test_the_only_convener_cannot_leave_and_is_told_why(client, people):
    arena = make_arena(people)
    sign_in(client, people.convener)

    response = client.post(f"/arenas/{arena.slug}/leave/", follow=True)

    assertContains(response, "only convener")
    assert Membership.objects.filter(arena=arena, user=people.convener).exists()


def test_nobody_joins_or_leaves_a_closed_arena(client, people):
    arena = make_arena(people, status="closed")

    assert sign_in(Client(), people.outsider).post(f"/arenas/{arena.slug}/join/").status_code == 403
    assert sign_in(Client(), people.participant).post(f"/arenas/{arena.slug}/leave/").status_code == 403
    assert not Membership.objects.filter(arena=arena, user=people.outsider).exists()
    assert Membership.objects.filter(arena=arena, user=people.participant).exists()


def test_joining_a_private_arena_one_cannot_see_is_404(client, people):
    arena = make_arena(people, visibility="private")
    sign_in(client, people.outsider)

    assert client.post(f"/arenas/{arena.slug}/join/", {"stakeholder_type": "resident"}).status_code == 404
    assert not Membership.objects.filter(arena=arena, user=people.outsider).exists()


def test_a_banned_member_cannot_join_again(client, people):
    arena = make_arena(people)
    MembershipFactory(arena=arena, user=people.outsider, banned=True, ban_reason="Spam")
    sign_in(client, people.outsider)

    assertContains(client.get(page_of(arena)), "cannot join it again")
    assert client.post(f"/arenas/{arena.slug}/join/", {"stakeholder_type": "resident"}).status_code == 403


def test_a_person_with_a_pending_invitation_is_told_to_check_their_email(client, people):
    arena = make_arena(people, visibility="restricted")
    InvitationFactory(arena=arena, email=people.outsider.email, role=Role.FACILITATOR)
    sign_in(client, people.outsider)

    page = html(client.get(page_of(arena)))

    assert "You are invited." in page
    assert "Check your email" in page and people.outsider.email in page


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

    assert '<h1 class="mb-0">Northbridge Municipality</h1>' in page
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
ARENA_PAGE_BUDGET = 12  # measured: 6 anonymous, 11 member, 12 non-member (+ pending invitation; recent activity: threads, posts)


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
