"""A prototype's page on a 390-px phone in Chromium: the indicator chart fills the width and its labels —
values, dates, baseline and target — are drawn inside it, at a readable size, without overlapping;
finishing a round opens its form (learnings and decision) and keeps what was typed when the learnings are
missing. axe-core finds nothing, with the form closed and open."""

import datetime as dt
from decimal import Decimal

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from arenas.prototypes.models import Iteration
from arenas.prototypes.services.evidence import indicator_create, measurement_add
from arenas.prototypes.services.iterations import iteration_create
from tests.arenas.prototypes.pages_helpers import world
from tests.factories import PASSWORD

pytestmark = pytest.mark.browser

axe = Axe()
PHONE = {"width": 390, "height": 844}
LABELS = ".chart-tick-label, .chart-date-label, .chart-baseline-label, .chart-target-label, .chart-unit"


def assert_no_axe_violations(page):
    results = axe.run(page)
    assert results.violations_count == 0, results.generate_report()


@pytest.fixture
def walking(transactional_db):
    people = world()
    prototype = people.public.prototype
    iteration_create(prototype=prototype, actor=people.lead, goal="Do parents sign up?", status="running")
    indicator = indicator_create(
        prototype=prototype,
        actor=people.lead,
        name="Children walking",
        unit="children per class",
        baseline=20,
        target=50,
    )
    for day, value in [
        (dt.date(2026, 3, 1), "25"),
        (dt.date(2026, 4, 1), "41.5"),
        (dt.date(2026, 5, 1), "33"),
    ]:
        measurement_add(indicator=indicator, actor=people.lead, date=day, value=Decimal(value))
    people.indicator = indicator
    return people


def boxes(chart, selector: str) -> list[dict]:
    return [label.bounding_box() for label in chart.locator(selector).all()]


def overlap(a: dict, b: dict) -> bool:
    return not (
        a["x"] + a["width"] <= b["x"]
        or b["x"] + b["width"] <= a["x"]
        or a["y"] + a["height"] <= b["y"]
        or b["y"] + b["height"] <= a["y"]
    )


def test_on_a_phone_the_chart_s_labels_are_visible_readable_and_apart(page, live_server, sign_in, walking):
    sign_in(page, walking.lead.email, PASSWORD)
    page.set_viewport_size(PHONE)
    page.goto(
        f"{live_server.url}/arenas/{walking.public.arena.slug}/prototypes/{walking.public.prototype.pk}/"
    )

    chart = page.locator(f"#indicator-{walking.indicator.pk} svg")
    chart.scroll_into_view_if_needed()
    box = chart.bounding_box()
    assert box["width"] >= 300  # the card's full width on a 390-px screen
    assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
    for name in ["20", "50", "03/01/2026", "05/01/2026", "Baseline 20", "Target 50", "children per class"]:
        expect(chart.locator("text", has_text=name).first).to_be_visible()
    labels = boxes(chart, LABELS)
    assert len(labels) == 4 + 3 + 2 + 1
    for label in labels:  # drawn inside the chart, not cut off at its edges
        assert box["x"] <= label["x"] and label["x"] + label["width"] <= box["x"] + box["width"] + 0.5
        assert box["y"] <= label["y"] and label["y"] + label["height"] <= box["y"] + box["height"] + 0.5
    font_size = chart.locator(".chart-date-label").first.evaluate(
        "text => parseFloat(getComputedStyle(text).fontSize) * text.ownerSVGElement.getScreenCTM().a"
    )
    assert font_size >= 11.5
    dates = boxes(chart, ".chart-date-label")
    lines = boxes(chart, ".chart-baseline-label, .chart-target-label")
    ticks = boxes(chart, ".chart-tick-label")
    for group in [dates, lines, ticks]:
        assert not any(overlap(a, b) for i, a in enumerate(group) for b in group[i + 1 :])
    assert not any(overlap(a, b) for a in lines for b in ticks + dates)
    assert not any(overlap(a, b) for a in boxes(chart, ".chart-unit") for b in lines + ticks)
    expect(page.locator(f"#indicator-{walking.indicator.pk} table")).to_contain_text("41.50")
    assert_no_axe_violations(page)


def test_on_a_phone_finishing_a_round_asks_for_learnings_and_keeps_the_decision(
    page, live_server, sign_in, walking
):
    sign_in(page, walking.lead.email, PASSWORD)
    page.set_viewport_size(PHONE)
    page.goto(
        f"{live_server.url}/arenas/{walking.public.arena.slug}/prototypes/{walking.public.prototype.pk}/"
    )

    page.get_by_text("Finish round 1", exact=True).click()
    form = page.locator("#finish-1 form")
    expect(form.get_by_label("Learnings")).to_be_visible()
    form.get_by_label("Pivot").check()
    form.get_by_label("Outcome").fill("Nine families came")
    assert_no_axe_violations(page)
    form.get_by_role("button", name="Finish round 1 with these learnings").click()

    form = page.locator("#finish-1 form")
    expect(form.get_by_text("Write down what the round taught you before closing it.").first).to_be_visible()
    expect(form.get_by_label("Pivot")).to_be_checked()
    expect(form.get_by_label("Outcome")).to_have_value("Nine families came")
    form.get_by_label("Learnings").fill("Parents want a fixed time")
    form.get_by_role("button", name="Finish round 1 with these learnings").click()

    expect(page.get_by_text("Round 1 is done.")).to_be_visible()
    round_one = Iteration.objects.get(prototype=walking.public.prototype, number=1)
    assert (round_one.status, round_one.decision, round_one.learnings) == (
        "done",
        "pivot",
        "Parents want a fixed time",
    )
    assert_no_axe_violations(page)
