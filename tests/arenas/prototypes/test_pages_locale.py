"""A prototype's page in Danish: a test round's dates are written as the date input needs and kept when
the round is saved; a date the server cannot read is an error that saves nothing; the indicator chart's
SVG has dot decimals (``4,0`` made its lines collapse)."""

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.conf import settings
from django.test import override_settings
from django.utils import translation

from arenas.prototypes.models import Iteration
from arenas.prototypes.selectors.evidence import indicators_for
from arenas.prototypes.services.evidence import indicator_create, measurement_add
from arenas.prototypes.services.iterations import iteration_create
from tests.locale_helpers import localised_numbers, posted_unchanged, read_form

from .pages_helpers import action_url, detail_url, html, sign_in, world

pytestmark = pytest.mark.django_db


@pytest.fixture
def people():
    return world()


@pytest.fixture
def prototype(people):
    return people.public.prototype


@pytest.fixture
def lead_in_danish(client, people):
    sign_in(client, people.lead)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "da"
    return client


@pytest.fixture
def round_one(people, prototype):
    return iteration_create(
        prototype=prototype,
        actor=people.lead,
        goal="Find out whether parents sign up",
        test_where="School gate",
        start_date=dt.date(2026, 12, 2),
        end_date=dt.date(2027, 1, 15),
    )


def dates_of(iteration):
    return Iteration.objects.values_list("start_date", "end_date").get(pk=iteration.pk)


def test_in_danish_a_rounds_edit_form_writes_its_dates_as_the_date_input_needs(
    lead_in_danish, prototype, round_one
):
    page = html(lead_in_danish.get(detail_url(prototype)))

    assert '<html lang="da"' in page
    edit = read_form(page, action_url("iteration-edit", prototype, 1)).date_inputs
    new = read_form(page, action_url("iteration-create", prototype)).date_inputs
    assert edit == {"start_date": "2026-12-02", "end_date": "2027-01-15"}
    assert new == {"start_date": "", "end_date": ""}
    assert "02.12.2026" not in page


def test_saving_a_round_in_danish_with_one_date_changed_keeps_the_other(lead_in_danish, prototype, round_one):
    action = action_url("iteration-edit", prototype, 1)
    data = posted_unchanged(html(lead_in_danish.get(detail_url(prototype))), action)
    data["end_date"] = ["2027-02-26"]
    data["outcome"] = ["12 families signed up"]

    response = lead_in_danish.post(action, data)

    assert response.status_code == 302
    assert dates_of(round_one) == (dt.date(2026, 12, 2), dt.date(2027, 2, 26))
    assert Iteration.objects.get(pk=round_one.pk).outcome == "12 families signed up"


def test_a_round_date_it_cannot_read_is_an_error_and_nothing_is_saved(lead_in_danish, prototype, round_one):
    action = action_url("iteration-edit", prototype, 1)
    data = posted_unchanged(html(lead_in_danish.get(detail_url(prototype))), action)
    data["start_date"] = ["02.12.2026"]
    data["outcome"] = ["12 families signed up"]

    response = lead_in_danish.post(action, data)

    assert response.status_code == 200
    page = html(response)
    assert 'href="#iteration-1-start_date"' in page and "“02.12.2026”" in page
    assert read_form(page, action).date_inputs == {"start_date": "2026-12-02", "end_date": "2027-01-15"}
    assert "12 families signed up" in page  # what was typed elsewhere is still in the form
    saved = Iteration.objects.get(pk=round_one.pk)
    assert (saved.start_date, saved.end_date, saved.outcome) == (
        dt.date(2026, 12, 2),
        dt.date(2027, 1, 15),
        "",
    )


def test_a_measurement_dated_in_another_format_is_an_error(lead_in_danish, people, prototype):
    indicator = indicator_create(prototype=prototype, actor=people.lead, name="Cars", baseline=100, target=60)

    response = lead_in_danish.post(
        action_url("measurement-add", prototype, indicator.pk), {"date": "02.12.2026", "value": "80"}
    )

    assert response.status_code == 200
    assert f'href="#measure-{indicator.pk}-date"' in html(response)
    assert not indicator.measurements.exists()


# --- The indicator chart -----------------------------------------------------------------------------------


@pytest.fixture
def walking(people, prototype):
    indicator = indicator_create(
        prototype=prototype, actor=people.lead, name="Children walking", unit="%", baseline=20, target=50
    )
    for day, value in [
        (dt.date(2026, 3, 1), "25"),
        (dt.date(2026, 4, 1), "41.5"),
        (dt.date(2026, 5, 1), "33"),
    ]:
        measurement_add(indicator=indicator, actor=people.lead, date=day, value=Decimal(value))
    return indicator


def chart_of(page: str, indicator) -> str:
    card = page.split(f'id="indicator-{indicator.pk}"')[1]
    return card[card.index("<svg") : card.index("</svg>")]


@pytest.mark.parametrize("thousands", [False, True])
def test_the_indicator_chart_in_danish_has_dot_decimals(client, walking, prototype, thousands):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "da"
    with override_settings(USE_THOUSAND_SEPARATOR=thousands):
        page = html(client.get(detail_url(prototype)))
    svg = chart_of(page, walking)

    assert '<html lang="da"' in page
    # baseline 20 → y 160.0 (the bottom of the plot), target 50 → y 24.0 (its top), 41.5 → 62.5; placed by
    # date: 1 March at the left edge (52), 1 April 31 of 61 days on (182.1), 1 May at the right edge (308)
    assert 'y1="160.0" y2="160.0"' in svg and 'y1="24.0" y2="24.0"' in svg
    assert 'points="52.0,137.3 182.1,62.5 308.0,101.1"' in svg
    assert re.findall(r'cx="([^"]*)" cy="([^"]*)"', svg) == [
        ("52.0", "137.3"),
        ("182.1", "62.5"),
        ("308.0", "101.1"),
    ]
    assert localised_numbers(svg) == []
    assert "41,50" in page  # the table is for people: Danish writes a decimal comma there


def test_the_chart_selector_formats_its_coordinates_itself(walking, prototype):
    with translation.override("da"):
        [indicator] = indicators_for(prototype=prototype)

    assert indicator.chart["baseline_y"] == "160.0" and indicator.chart["target_y"] == "24.0"
    assert indicator.chart["dots"][1] == ("182.1", "62.5")
