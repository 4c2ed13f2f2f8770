"""Prototypes in Chromium: a citizen starts one from an idea thread, plans a round and moves it on the
board with the keyboard only; a convener adopts it with a reason; the timeline shows every step. axe-core
finds no violations on the board, a full prototype page and the organisation's portfolio."""

import re
from datetime import date

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from arenas.deliberation.services.threads import thread_create
from arenas.models import Role
from arenas.prototypes.models import Prototype, TeamMember
from arenas.prototypes.services.evidence import feedback_submit, indicator_create, measurement_add
from arenas.prototypes.services.iterations import iteration_create, iteration_set_status, iteration_update
from arenas.prototypes.services.prototypes import prototype_transition
from arenas.prototypes.services.team import team_request_create
from platform_core.organisations.models import OrganisationMember
from tests.factories import (
    PASSWORD,
    ArenaFactory,
    MembershipFactory,
    OrganisationFactory,
    OrganisationMemberFactory,
    PrototypeFactory,
    UserFactory,
)

pytestmark = pytest.mark.browser

axe = Axe()


def assert_no_axe_violations(page):
    results = axe.run(page)
    assert results.violations_count == 0, results.generate_report()


@pytest.fixture
def browser_errors(page):
    """Console errors (a Content-Security-Policy refusal shows up here) and uncaught exceptions."""
    errors = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.on("pageerror", lambda error: errors.append(str(error)))
    return errors


@pytest.fixture
def routes(transactional_db):
    """Northbridge's public arena with a convener (staff), a citizen, a mixed set of members and an idea
    thread the citizen started."""
    organisation = OrganisationFactory(name="Northbridge Municipality", slug="northbridge")
    convener = OrganisationMemberFactory(
        organisation=organisation,
        role=OrganisationMember.Role.STAFF,
        user__email="clara@example.org",
        user__display_name="Clara Convener",
    ).user
    citizen = UserFactory(email="cecilie@example.org", display_name="Cecilie Citizen")
    arena = ArenaFactory(organisation=organisation, title="Safer school routes", slug="safer-school-routes")
    MembershipFactory(arena=arena, user=convener, role=Role.CONVENER, stakeholder_type="public_employee")
    MembershipFactory(arena=arena, user=citizen, role=Role.PARTICIPANT, stakeholder_type="resident")
    thread = thread_create(
        arena=arena,
        author=citizen,
        title="A walking bus from the sports hall",
        kind="idea",
        notify_members=False,
    )
    return {"arena": arena, "convener": convener, "citizen": citizen, "thread": thread}


def tab_to(page, element_id: str, limit: int = 250) -> None:
    """Press Tab until the element has focus, the way a keyboard user gets there."""
    for _ in range(limit):
        if page.evaluate("document.activeElement && document.activeElement.id") == element_id:
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached #{element_id}")


def column(page, stage: str):
    return page.locator(f"section.board-column-{stage}")


def test_a_citizen_starts_a_prototype_moves_it_by_keyboard_and_a_convener_adopts_it(
    browser, page, live_server, sign_in, routes, browser_errors
):
    arena, thread = routes["arena"], routes["thread"]
    sign_in(page, "cecilie@example.org", PASSWORD)

    page.goto(f"{live_server.url}/arenas/{arena.slug}/prototypes/new/?thread={thread.pk}")
    expect(page.get_by_label("A walking bus from the sports hall (Idea)")).to_be_checked()
    page.get_by_label("Title").fill("Walking bus pilot")
    page.get_by_label("Hypothesis").fill(
        "We believe that a walking bus will result in fewer cars at the gate for families within 1 km; "
        "we will know when drop-offs by car fall by a third."
    )
    page.get_by_role("button", name="Start the prototype").click()
    expect(page.get_by_role("heading", level=1, name="Walking bus pilot")).to_be_visible()
    expect(page.get_by_role("link", name="A walking bus from the sports hall")).to_be_visible()
    prototype = Prototype.objects.get(title="Walking bus pilot")

    page.get_by_text("Plan a new round").click()
    page.locator("#iteration-new-goal").fill("Find out whether ten families sign up in two weeks")
    page.locator("#iteration-new-test_where").fill("Northbridge School gate")
    page.get_by_role("button", name="Plan this round").click()
    expect(page.get_by_text("Round 1 is planned.")).to_be_visible()

    page.goto(f"{live_server.url}/arenas/{arena.slug}/prototypes/")
    for stage, label in [("design", "Design"), ("testing", "Testing")]:
        tab_to(page, f"move-{prototype.pk}-to")
        page.keyboard.press("ArrowDown")
        expect(page.locator(f"#move-{prototype.pk}-to")).to_have_value(stage)
        page.keyboard.press("Tab")
        expect(page.get_by_role("button", name="Move “Walking bus pilot”")).to_be_focused()
        page.keyboard.press("Enter" if stage == "design" else "Space")
        expect(column(page, stage).get_by_role("link", name="Walking bus pilot")).to_be_visible()
        expect(page.get_by_role("status")).to_contain_text(f"“Walking bus pilot” moved to {label}.")
        expect(page.locator(f"#prototype-{prototype.pk}")).to_be_focused()
    page.locator(f"#move-{prototype.pk}-to").select_option("evaluation")
    page.get_by_role("button", name="Move “Walking bus pilot”").click()
    expect(column(page, "evaluation").get_by_role("link", name="Walking bus pilot")).to_be_visible()
    expect(page.locator(f"#move-{prototype.pk}-to option[value=adopted]")).to_have_count(0)

    convener_context = browser.new_context(locale="en-GB")
    convener = convener_context.new_page()
    sign_in(convener, "clara@example.org", PASSWORD)
    convener.goto(f"{live_server.url}/arenas/{arena.slug}/prototypes/")
    convener.get_by_label("Move “Walking bus pilot” to").select_option(label="Adopted")
    convener.get_by_label("Reason (for “Walking bus pilot”)").fill("Car drop-offs fell by 40 % in the trial.")
    convener.get_by_role("button", name="Move “Walking bus pilot”").click()
    expect(column(convener, "adopted").get_by_role("link", name="Walking bus pilot")).to_be_visible()

    convener.get_by_role("link", name="Walking bus pilot").click()
    timeline = convener.locator("#timeline")
    for step in [
        "Started at the Idea stage by Cecilie Citizen",
        "Round 1 planned",
        "Moved from Idea to Design by Cecilie Citizen",
        "Moved from Design to Testing by Cecilie Citizen",
        "Moved from Testing to Evaluation by Cecilie Citizen",
        "Decision: Adopted",
        "Car drop-offs fell by 40 % in the trial.",
    ]:
        expect(timeline).to_contain_text(step)
    expect(timeline.locator(".timeline-decision")).to_contain_text("decided by Clara Convener")
    convener_context.close()
    assert browser_errors == []


@pytest.fixture
def full_prototype(routes):
    """A prototype with a mixed team, a pending request, a timeline, two rounds (one done), feedback and an
    indicator with measurements; and others on the board in several stages."""
    arena, citizen, convener = routes["arena"], routes["citizen"], routes["convener"]
    team = [
        MembershipFactory(arena=arena, stakeholder_type=kind, user__display_name=name).user
        for kind, name in [("business", "Bo Baker"), ("expert", "Eva Expert"), ("service_user", "Sune User")]
    ]
    prototype = PrototypeFactory(arena=arena, lead=citizen, title="Walking bus pilot")
    TeamMember.objects.bulk_create([TeamMember(prototype=prototype, user=user) for user in team[:2]])
    team_request_create(prototype=prototype, user=team[2], note="I use the route every day.")
    for stage in ["design", "testing"]:
        prototype_transition(
            prototype=prototype, actor=citizen, to_stage=stage, reason="Ready for the next step"
        )
    first = iteration_create(
        prototype=prototype, actor=citizen, goal="Sign up ten families", test_where="Gate"
    )
    iteration_set_status(iteration=first, actor=citizen, status="running")
    iteration_update(
        iteration=first, actor=citizen, learnings="Mornings work", outcome="14 families", decision="iterate"
    )
    iteration_set_status(iteration=first, actor=citizen, status="done")
    second = iteration_create(prototype=prototype, actor=citizen, goal="Run it for a month")
    iteration_set_status(iteration=second, actor=citizen, status="running")
    for user, rating, use in [(team[0], 5, "yes"), (team[1], 3, "unsure"), (convener, 4, "yes")]:
        feedback_submit(
            prototype=prototype, author=user, rating=rating, would_use=use, comment="Works for us"
        )
    indicator = indicator_create(
        prototype=prototype, actor=citizen, name="Children walking", unit="%", baseline=20, target=50
    )
    for month, value in [(3, 24), (4, 31), (5, 38)]:
        measurement_add(indicator=indicator, actor=citizen, date=date(2026, month, 1), value=value)
    from arenas.prototypes.models import PrototypeSource

    PrototypeSource.objects.create(prototype=prototype, thread=routes["thread"])
    for n, stage in enumerate(["idea", "evaluation", "paused", "abandoned"]):
        other = PrototypeFactory(arena=arena, lead=team[n % 3], title=f"School street {n}")
        other.stage = stage
        other.save(update_fields=["stage"])
    return prototype


def open_every_form(page):
    page.evaluate("document.querySelectorAll('details').forEach(function (d) { d.open = true; })")


def test_the_board_has_no_axe_violations(page, live_server, sign_in, routes, full_prototype, browser_errors):
    sign_in(page, "clara@example.org", PASSWORD)
    page.goto(f"{live_server.url}/arenas/safer-school-routes/prototypes/")
    expect(column(page, "testing").get_by_role("link", name="Walking bus pilot")).to_be_visible()
    expect(page.get_by_text("Round 2 running")).to_be_visible()

    assert_no_axe_violations(page)
    assert browser_errors == []


def test_the_board_signed_out_has_no_axe_violations(page, live_server, routes, full_prototype):
    page.goto(f"{live_server.url}/arenas/safer-school-routes/prototypes/")
    expect(page.get_by_role("heading", level=1, name="Prototypes")).to_be_visible()

    assert_no_axe_violations(page)


@pytest.mark.parametrize("who", ["cecilie@example.org", "clara@example.org"])
def test_a_full_prototype_page_has_no_axe_violations(page, live_server, sign_in, routes, full_prototype, who):
    sign_in(page, who, PASSWORD)
    page.goto(f"{live_server.url}/arenas/safer-school-routes/prototypes/{full_prototype.pk}/")
    expect(page.get_by_role("img", name=re.compile("^Children walking: 3 measurements"))).to_be_visible()
    expect(page.get_by_role("table", name="Measurements of Children walking")).to_be_visible()
    expect(page.locator("#timeline")).to_contain_text("Round 1 done")
    open_every_form(page)

    assert_no_axe_violations(page)


def test_a_prototype_page_with_form_errors_has_no_axe_violations(
    page, live_server, sign_in, routes, full_prototype
):
    sign_in(page, "cecilie@example.org", PASSWORD)
    page.goto(f"{live_server.url}/arenas/safer-school-routes/prototypes/{full_prototype.pk}/")
    page.get_by_text("Add a measurement of Children walking").click()
    page.locator("#indicator-" + str(full_prototype.indicators.get().pk)).get_by_role(
        "button", name="Add the measurement"
    ).click()
    expect(page.get_by_text("Please correct the following:")).to_be_visible()

    assert_no_axe_violations(page)


def test_the_organisation_page_with_its_portfolio_has_no_axe_violations(
    page, live_server, sign_in, routes, full_prototype
):
    sign_in(page, "cecilie@example.org", PASSWORD)
    page.goto(f"{live_server.url}/orgs/northbridge/")
    expect(page.get_by_role("heading", name="Portfolio of prototypes")).to_be_visible()
    page.get_by_label("Stage", exact=True).select_option(label="Testing")
    page.get_by_role("button", name="Show prototypes").click()
    expect(page.get_by_role("link", name="Walking bus pilot")).to_be_visible()
    expect(page.get_by_role("link", name="School street 0")).to_have_count(0)

    assert_no_axe_violations(page)
