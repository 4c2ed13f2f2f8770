"""The phases editor in Danish keeps every date: the page writes them as the date input needs, saving it
unchanged (as a browser posts it) or with one date changed keeps all the others, a date the server cannot
read is an error that saves nothing, and a submission that leaves out a phase is refused whole."""

import datetime as dt

import pytest
from django.conf import settings
from pytest_django.asserts import assertRedirects

from arenas.models import Phase
from tests.arenas.pages_helpers import html
from tests.arenas.settings_helpers import phase_names, phases_data, settings_of
from tests.locale_helpers import posted_unchanged, read_form

pytestmark = pytest.mark.django_db

DATES = {
    "Framing the problem": (dt.date(2026, 1, 5), dt.date(2026, 1, 30)),
    "Ideation": (dt.date(2026, 2, 2), dt.date(2026, 12, 2)),
    "Prototyping": (dt.date(2026, 12, 3), None),
}


@pytest.fixture
def danish(convener):
    convener.cookies[settings.LANGUAGE_COOKIE_NAME] = "da"  # as the language switcher leaves it
    return convener


@pytest.fixture
def dated(arena):
    for phase in arena.phases.all():
        phase.start_date, phase.end_date = DATES[phase.name]
        phase.save()
    return arena


def saved_dates(arena):
    return {p.name: (p.start_date, p.end_date) for p in arena.phases.order_by("order")}


def editor(arena):
    return settings_of(arena, "phases/")


def test_in_danish_the_editor_writes_every_date_as_the_date_input_needs(danish, dated):
    page = html(danish.get(settings_of(dated)))

    assert '<html lang="da"' in page
    inputs = read_form(page, editor(dated)).date_inputs
    assert inputs == {
        "phases-0-start_date": "2026-01-05",
        "phases-0-end_date": "2026-01-30",
        "phases-1-start_date": "2026-02-02",
        "phases-1-end_date": "2026-12-02",
        "phases-2-start_date": "2026-12-03",
        "phases-2-end_date": "",
        "phases-3-start_date": "",  # the empty row for a new phase
        "phases-3-end_date": "",
    }
    assert "02.12.2026" not in page


def test_saving_the_danish_editor_unchanged_keeps_every_date(danish, dated):
    data = posted_unchanged(html(danish.get(settings_of(dated))), editor(dated))

    response = danish.post(editor(dated), data)

    assertRedirects(response, settings_of(dated) + "#phases", fetch_redirect_response=False)
    assert saved_dates(dated) == DATES


def test_changing_one_date_in_danish_keeps_the_others(danish, dated):
    data = posted_unchanged(html(danish.get(settings_of(dated))), editor(dated))
    data["phases-2-end_date"] = ["2027-03-31"]

    danish.post(editor(dated), data)

    assert saved_dates(dated) == {**DATES, "Prototyping": (dt.date(2026, 12, 3), dt.date(2027, 3, 31))}
    page = html(danish.get(settings_of(dated)))
    assert read_form(page, editor(dated)).date_inputs["phases-2-end_date"] == "2027-03-31"
    assert read_form(page, editor(dated)).date_inputs["phases-1-end_date"] == "2026-12-02"


def test_a_date_it_cannot_read_is_an_error_and_nothing_is_saved(danish, dated):
    data = posted_unchanged(html(danish.get(settings_of(dated))), editor(dated))
    data["phases-0-name"] = ["Framing renamed"]
    data["phases-1-end_date"] = ["02.12.2026"]  # typed into a browser without a date picker

    response = danish.post(editor(dated), data)

    assert response.status_code == 200
    page = html(response)
    assert 'id="phases-errors"' in page and 'href="#id_phases-1-end_date"' in page
    assert "“02.12.2026”" in page
    assert 'value="Framing renamed"' in page  # what was typed elsewhere stays in the form
    inputs = read_form(page, editor(dated)).date_inputs
    assert inputs["phases-1-end_date"] == "2026-12-02"  # the saved date, not an empty box
    assert inputs["phases-0-start_date"] == "2026-01-05"
    assert phase_names(dated) == ["Framing the problem", "Ideation", "Prototyping"]
    assert saved_dates(dated) == DATES


def test_a_date_emptied_on_purpose_is_cleared_and_only_that_one(danish, dated):
    data = posted_unchanged(html(danish.get(settings_of(dated))), editor(dated))
    data["phases-0-end_date"] = [""]

    danish.post(editor(dated), data)

    assert saved_dates(dated) == {**DATES, "Framing the problem": (dt.date(2026, 1, 5), None)}


def test_a_page_opened_before_a_phase_was_added_saves_nothing_and_shows_the_list_as_it_is(danish, dated):
    stale = posted_unchanged(html(danish.get(settings_of(dated))), editor(dated))
    Phase.objects.create(arena=dated, order=3, name="Testing", start_date=dt.date(2027, 1, 4))
    stale["phases-0-name"] = ["Framing renamed"]

    response = danish.post(editor(dated), stale)

    assert response.status_code == 200
    page = html(response)
    # The page is in Danish.
    assert "En anden har ændret faserne, efter du åbnede siden. Intet er gemt" in page
    assert 'value="Testing"' in page and 'value="Framing the problem"' in page
    assert phase_names(dated) == ["Framing the problem", "Ideation", "Prototyping", "Testing"]
    assert Phase.objects.get(name="Testing").start_date == dt.date(2027, 1, 4)


def test_a_phase_sent_twice_is_refused(convener, dated):
    framing, ideation, prototyping = dated.phases.order_by("order")
    rows = [
        (framing, "Framing", 1, False, None, None),
        (ideation, "Ideation", 2, False, None, None),
        (prototyping, "Prototyping", 3, False, None, None),
        (prototyping, "Prototyping again", 4, False, None, None),
    ]

    response = convener.post(editor(dated), phases_data(dated, rows))

    assert response.status_code == 200
    assert phase_names(dated) == ["Framing the problem", "Ideation", "Prototyping"]
    assert saved_dates(dated) == DATES


def test_a_phase_removed_with_a_date_it_cannot_read_is_removed(convener, dated):
    framing, ideation, prototyping = dated.phases.order_by("order")
    rows = [
        (framing, "Framing the problem", 1, False, "2026-01-05", "2026-01-30"),
        (ideation, "Ideation", 2, True, "02.02.2026", None),
        (prototyping, "Prototyping", 3, False, "2026-12-03", None),
    ]

    response = convener.post(editor(dated), phases_data(dated, rows))

    assert response.status_code == 302
    assert phase_names(dated) == ["Framing the problem", "Prototyping"]
