"""In Danish, in Chromium: a convener switches the interface to Danish, changes one phase's date and one
test round's date, saves, and every other date is kept, in the database and on the page (the page used to
write ``02.12.2026`` into the date inputs, which the browser shows empty, so saving wiped them). The
indicator chart's lines are drawn (its SVG used to get ``4,0``). axe-core finds nothing on either page."""

import datetime as dt
import re
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from arenas.models import Phase, Role
from arenas.prototypes.models import Iteration
from arenas.prototypes.services.evidence import indicator_create, measurement_add
from arenas.prototypes.services.iterations import iteration_create
from platform_core.organisations.models import OrganisationMember
from tests.browser.axe import assert_no_axe_violations
from tests.factories import (
    PASSWORD,
    ArenaFactory,
    MembershipFactory,
    OrganisationFactory,
    OrganisationMemberFactory,
    PrototypeFactory,
)

pytestmark = pytest.mark.browser


PHASES = [
    ("Framing the problem", dt.date(2026, 1, 5), dt.date(2026, 1, 30)),
    ("Ideation", dt.date(2026, 2, 2), dt.date(2026, 12, 2)),
    ("Prototyping", dt.date(2026, 12, 3), dt.date(2027, 3, 31)),
]
ROUNDS = [
    (dt.date(2026, 12, 2), dt.date(2026, 12, 18)),
    (dt.date(2027, 1, 11), dt.date(2027, 2, 5)),
]


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    # Without motion, Bootstrap's colour transitions are off: axe measures the colours a button settles on.
    return {**browser_context_args, "reduced_motion": "reduce"}


@pytest.fixture
def routes(transactional_db):
    organisation = OrganisationFactory(name="Northbridge Municipality", slug="northbridge")
    convener = OrganisationMemberFactory(
        organisation=organisation,
        role=OrganisationMember.Role.STAFF,
        user__email="clara@example.org",
        user__display_name="Clara Convener",
    ).user
    arena = ArenaFactory(organisation=organisation, title="Safer school routes", slug="safer-school-routes")
    arena.phases.all().delete()
    phases = [
        Phase.objects.create(arena=arena, order=order, name=name, start_date=start, end_date=end)
        for order, (name, start, end) in enumerate(PHASES)
    ]
    arena.current_phase = phases[0]
    arena.save()
    MembershipFactory(arena=arena, user=convener, role=Role.CONVENER, stakeholder_type="public_employee")
    prototype = PrototypeFactory(arena=arena, lead=convener, title="Walking bus pilot")
    rounds = [
        iteration_create(prototype=prototype, actor=convener, goal=goal, start_date=start, end_date=end)
        for goal, (start, end) in zip(["Sign-ups", "Mornings"], ROUNDS, strict=True)
    ]
    indicator = indicator_create(
        prototype=prototype, actor=convener, name="Children walking", unit="%", baseline=20, target=50
    )
    for day, value in [(dt.date(2026, 3, 1), "25"), (dt.date(2026, 4, 1), "41.5")]:
        measurement_add(indicator=indicator, actor=convener, date=day, value=Decimal(value))
    return {
        "arena": arena,
        "phases": phases,
        "prototype": prototype,
        "rounds": rounds,
        "indicator": indicator,
    }


def phase_dates():
    return [(p.start_date, p.end_date) for p in Phase.objects.order_by("order")]


def round_dates():
    return [(i.start_date, i.end_date) for i in Iteration.objects.order_by("number")]


def test_in_danish_changing_one_date_of_the_phases_and_of_a_round_keeps_every_other_date(
    page, live_server, sign_in, routes
):
    arena, prototype = routes["arena"], routes["prototype"]
    sign_in(page, "clara@example.org", PASSWORD)
    page.goto(f"{live_server.url}/arenas/{arena.slug}/settings/")
    page.get_by_role("button", name="Dansk").click()
    expect(page.locator("html")).to_have_attribute("lang", "da")

    # The browser shows every saved date (it would show an empty box for 02.12.2026).
    for n, (_name, start, end) in enumerate(PHASES):
        expect(page.locator(f"#id_phases-{n}-start_date")).to_have_value(start.isoformat())
        expect(page.locator(f"#id_phases-{n}-end_date")).to_have_value(end.isoformat())
    assert_no_axe_violations(page)

    page.locator("#id_phases-2-end_date").fill("2027-04-30")
    page.get_by_role("button", name="Gem faserne").click()
    expect(page.get_by_text("Faserne er gemt.")).to_be_visible()

    expected = [(s, e) for _n, s, e in PHASES[:2]] + [(dt.date(2026, 12, 3), dt.date(2027, 4, 30))]
    assert phase_dates() == expected
    for n, (start, end) in enumerate(expected):
        expect(page.locator(f"#id_phases-{n}-start_date")).to_have_value(start.isoformat())
        expect(page.locator(f"#id_phases-{n}-end_date")).to_have_value(end.isoformat())

    page.goto(f"{live_server.url}/arenas/{arena.slug}/prototypes/{prototype.pk}/")
    expect(page.locator("html")).to_have_attribute("lang", "da")
    page.get_by_text("Redigér runde 1").click()
    expect(page.locator("#iteration-1-start_date")).to_have_value("2026-12-02")
    expect(page.locator("#iteration-1-end_date")).to_have_value("2026-12-18")
    page.locator("#iteration-1-end_date").fill("2026-12-23")
    page.get_by_role("button", name="Gem runde 1").click()
    expect(page.get_by_text("Runde 1 er gemt.")).to_be_visible()

    assert round_dates() == [(dt.date(2026, 12, 2), dt.date(2026, 12, 23)), ROUNDS[1]]
    page.get_by_text("Redigér runde 1").click()
    expect(page.locator("#iteration-1-start_date")).to_have_value("2026-12-02")
    expect(page.locator("#iteration-1-end_date")).to_have_value("2026-12-23")
    page.get_by_text("Redigér runde 2").click()
    expect(page.locator("#iteration-2-start_date")).to_have_value("2027-01-11")
    expect(page.locator("#iteration-2-end_date")).to_have_value("2027-02-05")
    assert phase_dates() == expected  # saving the round touched no phase
    assert_no_axe_violations(page)


def test_in_danish_the_indicator_chart_draws_its_lines_with_dot_decimals(page, live_server, sign_in, routes):
    arena, prototype, indicator = routes["arena"], routes["prototype"], routes["indicator"]
    sign_in(page, "clara@example.org", PASSWORD)
    page.goto(f"{live_server.url}/arenas/{arena.slug}/prototypes/{prototype.pk}/")
    page.get_by_role("button", name="Dansk").click()
    expect(page.locator("html")).to_have_attribute("lang", "da")

    chart = page.locator(f"#indicator-{indicator.pk} svg")
    expect(chart.locator("line.chart-target")).to_have_attribute("y1", "24.0")
    expect(chart.locator("line.chart-baseline")).to_have_attribute("y1", "160.0")
    expect(chart.locator("polyline.chart-line")).to_have_attribute("points", "52.0,137.3 308.0,62.5")
    cys = [dot.get_attribute("cy") for dot in chart.locator("circle.chart-dot").all()]
    assert cys == ["137.3", "62.5"]
    # Drawn where they belong: the target line near the top of the chart, the baseline near the bottom.
    box = chart.bounding_box()
    target = chart.locator("line.chart-target").bounding_box()
    baseline = chart.locator("line.chart-baseline").bounding_box()
    line = chart.locator("polyline.chart-line").bounding_box()
    assert target["y"] < box["y"] + box["height"] * 0.2 < baseline["y"]
    assert line["height"] > box["height"] * 0.3  # the measured line climbs; with "30,7" it was not drawn
    assert re.search(r"41,5", page.locator(f"#indicator-{indicator.pk} table").inner_text())
    assert_no_axe_violations(page)
