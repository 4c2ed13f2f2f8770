"""The indicator chart reads on its own: a y-axis with value labels (and the unit), dates on the x-axis in
the viewer's language with the ISO date beside them for machines, labelled baseline and target lines, a
viewBox drawn at full width; the table of numbers stays next to it. In Danish every number in an SVG
attribute keeps its dot."""

import datetime as dt
import itertools
import re
from decimal import Decimal

import pytest
from django.conf import settings
from django.test import override_settings

from arenas.prototypes.selectors.chart import indicator_chart, nice_step
from arenas.prototypes.services.evidence import indicator_create, measurement_add
from tests.locale_helpers import localised_numbers

from .pages_helpers import detail_url, html, world

pytestmark = pytest.mark.django_db

MEASUREMENTS = [(dt.date(2026, 3, 1), "25"), (dt.date(2026, 4, 1), "41.5"), (dt.date(2026, 5, 1), "33")]


@pytest.fixture
def people():
    return world()


@pytest.fixture
def walking(people):
    indicator = indicator_create(
        prototype=people.public.prototype,
        actor=people.lead,
        name="Children walking",
        unit="%",
        baseline=Decimal("20"),
        target=Decimal("50"),
    )
    for day, value in MEASUREMENTS:
        measurement_add(indicator=indicator, actor=people.lead, date=day, value=Decimal(value))
    return indicator


def card_of(client, people, indicator, language="en") -> str:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    page = html(client.get(detail_url(people.public.prototype)))
    return page.split(f'id="indicator-{indicator.pk}"')[1].split("</article>")[0]


def texts(svg: str, css_class: str) -> list[str]:
    return re.findall(rf'<text class="{css_class}"[^>]*>([^<]*)</text>', svg)


def svg_of(card: str) -> str:
    return card[card.index("<svg") : card.index("</svg>")]


def test_the_chart_has_value_axis_dates_and_labelled_baseline_and_target(client, people, walking):
    card = card_of(client, people, walking)
    svg = svg_of(card)

    assert 'viewBox="0 0 320 200" width="100%" font-size="12"' in svg
    assert texts(svg, "chart-tick-label") == ["20", "30", "40", "50"]
    assert texts(svg, "chart-unit") == ["%"]
    assert '<text class="chart-unit" x="56.0" y="14.0" text-anchor="start">' in svg
    assert texts(svg, "chart-date-label") == ["03/01/2026", "04/01/2026", "05/01/2026"]
    assert re.findall(r'data-date="([^"]*)"', svg) == ["2026-03-01", "2026-04-01", "2026-05-01"]
    assert texts(svg, "chart-baseline-label") == ["Baseline 20"]
    assert texts(svg, "chart-target-label") == ["Target 50"]
    # the labels sit just above their lines: baseline at the bottom of the plot (160), target at its top (24)
    assert 'class="chart-baseline-label" x="304.0" y="156.0"' in svg
    assert 'class="chart-target-label" x="304.0" y="20.0"' in svg
    # and the table with every number is still beside it
    assert '<table class="table table-sm indicator-table">' in card
    assert card.count('<time datetime="2026-') == 3


@pytest.mark.parametrize("thousands", [False, True])
def test_in_danish_the_labels_are_danish_and_the_attributes_keep_their_dots(
    client, people, walking, thousands
):
    with override_settings(USE_THOUSAND_SEPARATOR=thousands):
        svg = svg_of(card_of(client, people, walking, language="da"))

    assert texts(svg, "chart-date-label") == ["01.03.2026", "01.04.2026", "01.05.2026"]
    assert re.findall(r'data-date="([^"]*)"', svg) == ["2026-03-01", "2026-04-01", "2026-05-01"]
    assert texts(svg, "chart-baseline-label") == ["Udgangspunkt 20"]
    assert texts(svg, "chart-target-label") == ["Mål 50"]
    assert 'points="52.0,137.3 182.1,62.5 308.0,101.1"' in svg
    assert localised_numbers(svg) == []


def test_decimal_ticks_are_written_the_danish_way_in_the_text_only(client, people):
    indicator = indicator_create(
        prototype=people.public.prototype,
        actor=people.lead,
        name="Share cycling",
        baseline=Decimal("0.5"),
        target=Decimal("1.5"),
    )
    measurement_add(indicator=indicator, actor=people.lead, date=dt.date(2026, 3, 1), value=Decimal("1.25"))

    svg = svg_of(card_of(client, people, indicator, language="da"))

    assert texts(svg, "chart-tick-label") == ["0,50", "0,75", "1", "1,25", "1,50"]
    assert texts(svg, "chart-baseline-label") == ["Udgangspunkt 0,50"]
    assert localised_numbers(svg) == []
    assert texts(svg, "chart-date-label") == ["01.03.2026"]  # one measurement: one date, in the middle
    assert 'class="chart-date-label" x="180.0"' in svg


def test_close_baseline_and_target_labels_go_either_side_of_their_lines():
    chart = indicator_chart(
        baseline=Decimal("100"),
        target=Decimal("96"),
        measurements=[(dt.date(2026, 3, 1), Decimal("0")), (dt.date(2026, 4, 1), Decimal("90"))],
    )

    baseline_y, target_y = float(chart["baseline_y"]), float(chart["target_y"])
    assert abs(baseline_y - target_y) < 15
    assert float(chart["baseline_label_y"]) < baseline_y  # the upper line's label above it
    assert float(chart["target_label_y"]) > target_y  # the lower one's under it
    assert float(chart["target_label_y"]) - float(chart["baseline_label_y"]) >= 12  # a font size apart


@pytest.mark.parametrize(("span", "step"), [(30, 10), (1, 0.25), (140, 50), (0.02, 0.005), (7, 2), (0, 1)])
def test_ticks_fall_on_round_numbers(span, step):
    assert nice_step(span) == pytest.approx(step)


def test_many_measurements_show_at_most_three_dates_that_do_not_overlap():
    measurements = [(dt.date(2026, 1, 1) + dt.timedelta(days=7 * n), Decimal(n)) for n in range(20)]

    chart = indicator_chart(baseline=Decimal("0"), target=Decimal("20"), measurements=measurements)

    xs = [float(tick.at) for tick in chart["date_ticks"]]
    assert [tick.value for tick in chart["date_ticks"]][0::2] == [dt.date(2026, 1, 1), measurements[-1][0]]
    assert len(xs) == 3 and min(b - a for a, b in itertools.pairwise(xs)) > 64
    assert [tick.anchor for tick in chart["date_ticks"]] == ["start", "middle", "end"]
