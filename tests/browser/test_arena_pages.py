"""The arena pages in Chromium: axe-core finds no accessibility violations on the directory, an arena's
page (signed out and as a participant), the form that opens an arena and an arena's settings; and a convener
opens an arena through the form and lands on its settings."""

import pytest
from playwright.sync_api import expect

from arenas.models import Arena, Playbook, Role
from arenas.playbooks import SHIPPED
from platform_core.organisations.models import OrganisationMember
from tests.browser.axe import assert_no_axe_violations
from tests.factories import (
    PASSWORD,
    ArenaFactory,
    MembershipFactory,
    OrganisationFactory,
    OrganisationMemberFactory,
    PhaseFactory,
    TopicFactory,
    UserFactory,
)

pytestmark = pytest.mark.browser


@pytest.fixture
def arenas(transactional_db):
    """Northbridge's arenas: a public one in its second phase with members of several stakeholder types,
    a restricted one, a closed one; Clara convenes them and is staff of Northbridge; Cecilie takes part.
    The shipped playbooks are loaded again: a live-server test empties every table, the migration's rows too."""
    for shipped in SHIPPED:
        Playbook.objects.update_or_create(
            slug=shipped["slug"],
            defaults={key: shipped[key] for key in ("name", "description", "phases", "starter_threads")},
        )
    organisation = OrganisationFactory(name="Northbridge Municipality", slug="northbridge")
    convener = OrganisationMemberFactory(
        organisation=organisation,
        role=OrganisationMember.Role.STAFF,
        user__email="clara@example.org",
        user__display_name="Clara Convener",
    ).user
    citizen = UserFactory(email="cecilie@example.org", display_name="Cecilie Citizen")
    mobility, schools = TopicFactory(name="Mobility"), TopicFactory(name="Schools")
    routes = ArenaFactory(
        organisation=organisation,
        title="Safer school routes",
        slug="safer-school-routes",
        problem_statement_html="<p>Children walk to school along <strong>busy roads</strong>.</p>",
    )
    routes.topics.set([mobility, schools])
    ideation = PhaseFactory(arena=routes, order=1, name="Ideation")
    PhaseFactory(arena=routes, order=2, name="Prototyping")
    routes.current_phase = ideation
    routes.save()
    MembershipFactory(arena=routes, user=convener, role=Role.CONVENER, stakeholder_type="public_employee")
    MembershipFactory(arena=routes, user=citizen, role=Role.PARTICIPANT)
    for stakeholder_type in ["resident", "business", "civil_society", "expert"]:
        MembershipFactory(arena=routes, stakeholder_type=stakeholder_type)
    seniors = ArenaFactory(
        organisation=organisation,
        title="Loneliness among seniors",
        slug="loneliness-among-seniors",
        visibility=Arena.Visibility.RESTRICTED,
    )
    seniors.topics.set([TopicFactory(name="Health")])
    MembershipFactory(arena=seniors, user=convener, role=Role.CONVENER)
    ArenaFactory(organisation=organisation, title="Harbour renewal", status=Arena.Status.CLOSED)
    return {"routes": routes, "convener": convener, "citizen": citizen}


def test_the_directory_has_no_axe_violations(page, live_server, arenas):
    page.goto(f"{live_server.url}/arenas/")
    expect(page.get_by_role("heading", name="Safer school routes")).to_be_visible()

    assert_no_axe_violations(page)


def test_a_filtered_directory_with_no_match_has_no_axe_violations(page, live_server, arenas):
    page.goto(f"{live_server.url}/arenas/")
    page.get_by_label("Search titles and problem statements").fill("nothing like this")
    page.get_by_role("button", name="Show arenas").click()
    expect(page.get_by_text("No arenas match")).to_be_visible()

    assert_no_axe_violations(page)


def test_an_arena_page_signed_out_has_no_axe_violations(page, live_server, arenas):
    page.goto(f"{live_server.url}/arenas/safer-school-routes/")
    expect(page.get_by_role("link", name="Sign in to join")).to_be_visible()

    assert_no_axe_violations(page)


def test_an_arena_page_for_a_participant_has_no_axe_violations(page, live_server, sign_in, arenas):
    sign_in(page, "cecilie@example.org", PASSWORD)

    page.goto(f"{live_server.url}/arenas/safer-school-routes/")
    expect(page.get_by_role("button", name="Leave this arena")).to_be_visible()
    expect(page.locator('[aria-current="step"]')).to_contain_text("Ideation")

    assert_no_axe_violations(page)


def test_joining_a_public_arena_in_the_browser(page, live_server, sign_in, arenas):
    UserFactory(email="oscar@example.org", display_name="Oscar Outsider")
    sign_in(page, "oscar@example.org", PASSWORD)
    page.goto(f"{live_server.url}/arenas/safer-school-routes/")

    page.get_by_label("I take part as").select_option(label="Business")
    page.get_by_role("button", name="Join as participant").click()

    expect(page.get_by_text("You take part as Participant (Business).")).to_be_visible()
    assert_no_axe_violations(page)


def test_asking_to_join_a_restricted_arena_has_no_axe_violations(page, live_server, sign_in, arenas):
    UserFactory(email="oscar@example.org", display_name="Oscar Outsider")
    sign_in(page, "oscar@example.org", PASSWORD)
    page.goto(f"{live_server.url}/arenas/loneliness-among-seniors/")
    expect(page.get_by_role("button", name="Ask to join")).to_be_visible()
    assert_no_axe_violations(page)

    page.get_by_label("A short note to the facilitators").fill("I visit my neighbour every week.")
    page.get_by_role("button", name="Ask to join").click()

    expect(page.get_by_text("Your request is waiting.")).to_be_visible()


def test_the_open_an_arena_form_has_no_axe_violations(page, live_server, sign_in, arenas):
    sign_in(page, "clara@example.org", PASSWORD)

    page.goto(f"{live_server.url}/arenas/new/")
    expect(page.get_by_role("heading", name="Open an arena")).to_be_visible()

    assert_no_axe_violations(page)


def test_each_playbook_shows_what_it_brings_before_one_is_chosen(page, live_server, sign_in, arenas):
    sign_in(page, "clara@example.org", PASSWORD)
    page.goto(f"{live_server.url}/arenas/new/")
    previews = page.locator("#playbook-previews")
    expect(previews.get_by_role("heading", name="What each playbook brings")).to_be_visible()
    neighbourhood = previews.locator("details").filter(has_text="Neighbourhood challenge")
    expect(neighbourhood.get_by_role("listitem").first).to_be_hidden()

    neighbourhood.locator("summary").click()  # keyboard and pointer alike: a <details>, no script

    shipped = next(p for p in SHIPPED if p["slug"] == "neighbourhood-challenge")
    first_phase = shipped["phases"][0]
    expect(neighbourhood.get_by_role("listitem").first).to_have_text(
        f"{first_phase['name']} — {first_phase['days']} days"
    )
    for thread in shipped["starter_threads"]:
        expect(neighbourhood.get_by_text(thread["title"])).to_be_visible()
    previews.locator("details").first.locator("summary").focus()
    page.keyboard.press("Enter")
    expect(previews.locator("details").first).to_have_attribute("open", "")
    assert_no_axe_violations(page)


def test_the_open_an_arena_form_with_errors_has_no_axe_violations(page, live_server, sign_in, arenas):
    sign_in(page, "clara@example.org", PASSWORD)
    page.goto(f"{live_server.url}/arenas/new/")

    page.get_by_role("button", name="Create the draft arena").click()

    expect(page.get_by_role("alert")).to_contain_text("Please correct the following")
    assert_no_axe_violations(page)


def test_the_settings_page_has_no_axe_violations(page, live_server, sign_in, arenas):
    sign_in(page, "clara@example.org", PASSWORD)

    page.goto(f"{live_server.url}/arenas/safer-school-routes/settings/")
    expect(page.get_by_role("button", name="Move to the Prototyping phase")).to_be_visible()

    assert_no_axe_violations(page)


def test_the_settings_page_with_phase_errors_has_no_axe_violations(page, live_server, sign_in, arenas):
    sign_in(page, "clara@example.org", PASSWORD)
    page.goto(f"{live_server.url}/arenas/safer-school-routes/settings/")

    page.locator("#id_phases-1-start_date").fill("2026-06-10")
    page.locator("#id_phases-1-end_date").fill("2026-06-01")
    page.get_by_role("button", name="Save the phases").click()

    expect(page.locator("#phases-errors")).to_contain_text("The phase cannot end before it starts.")
    assert_no_axe_violations(page)


def test_a_convener_opens_an_arena_and_lands_on_its_settings(page, live_server, sign_in, arenas):
    sign_in(page, "clara@example.org", PASSWORD)
    page.goto(f"{live_server.url}/arenas/")

    page.get_by_role("link", name="Open an arena").click()
    page.get_by_label("Playbook").select_option(label="Neighbourhood challenge")
    page.get_by_label("Title").fill("Greener schoolyards")
    page.get_by_label("Problem statement").fill("Schoolyards are hot asphalt with no shade.")
    page.get_by_label("Goals").fill("Shade and places to play.")
    page.get_by_label("Restricted: anyone sees it, joining needs approval or an invitation").check()
    page.get_by_label("Topics").fill("Schools, Climate")
    page.get_by_role("button", name="Create the draft arena").click()

    expect(page.get_by_role("heading", name="Arena settings", level=1)).to_be_visible()
    expect(page.get_by_text("“Greener schoolyards” is saved as a draft")).to_be_visible()
    arena = Arena.objects.get(title="Greener schoolyards")
    assert page.url == f"{live_server.url}/arenas/{arena.slug}/settings/"
    assert (arena.status, arena.visibility) == ("draft", "restricted")

    page.get_by_role("button", name="Open the arena").click()

    expect(page.get_by_text("The arena is open: people can find it and take part.")).to_be_visible()
    assert Arena.objects.get(pk=arena.pk).status == "open"
