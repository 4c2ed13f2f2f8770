"""The shared date and time fields: in Danish as in English they write the machine formats HTML's inputs
take and read them back; a value in any other format is a field error that quotes it and shows how to
write it, and the input shows the value it had before rather than an empty box. Every form of the project
uses them."""

import datetime as dt
import importlib
import inspect
import pkgutil
import zoneinfo

import pytest
import time_machine
from django import forms
from django.test import override_settings
from django.utils import timezone, translation

import arenas
import platform_core
from platform_core.forms import HtmlDateField, HtmlDateTimeField, HtmlTimeField

LANGUAGES = ["en", "da"]


class Schedule(forms.Form):
    day = HtmlDateField(label="Day", required=False)
    at = HtmlTimeField(label="At", required=False)
    starts = HtmlDateTimeField(label="Starts", required=False)
    note = forms.CharField(required=False)


SAVED = {"day": dt.date(2026, 12, 2), "at": dt.time(9, 5), "note": "Bring chairs"}


@pytest.mark.parametrize("language", LANGUAGES)
@override_settings(USE_THOUSAND_SEPARATOR=True)
def test_the_inputs_are_written_in_the_machine_formats_in_every_language(language):
    starts = dt.datetime(2026, 12, 2, 17, 45, tzinfo=dt.UTC)
    with translation.override(language), timezone.override(zoneinfo.ZoneInfo("Europe/Copenhagen")):
        form = Schedule(initial={**SAVED, "starts": starts})
        rendered = {name: str(form[name]) for name in ("day", "at", "starts")}

    assert 'type="date"' in rendered["day"] and 'value="2026-12-02"' in rendered["day"]
    assert 'type="time"' in rendered["at"] and 'value="09:05"' in rendered["at"]
    # shown in the viewer's time zone, as datetime-local has none of its own
    assert 'type="datetime-local"' in rendered["starts"] and 'value="2026-12-02T18:45"' in rendered["starts"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_what_the_inputs_send_is_read_back_in_every_language(language):
    with translation.override(language), timezone.override(zoneinfo.ZoneInfo("Europe/Copenhagen")):
        form = Schedule({"day": "2026-12-02", "at": "09:05", "starts": "2026-12-02T18:45"})
        assert form.is_valid(), form.errors

    assert form.cleaned_data["day"] == dt.date(2026, 12, 2)
    assert form.cleaned_data["at"] == dt.time(9, 5)
    assert form.cleaned_data["starts"] == dt.datetime(2026, 12, 2, 17, 45, tzinfo=dt.UTC)


@time_machine.travel(dt.datetime(2026, 5, 17, 10, 0, tzinfo=dt.UTC), tick=False)
@pytest.mark.parametrize(
    ("field", "typed", "example"),
    [
        ("day", "02.12.2026", "2026-05-17"),
        ("day", "12/02/2026", "2026-05-17"),
        ("at", "9.05", "14:30"),
        ("starts", "02.12.2026 18:45", "2026-05-17T14:30"),
    ],
)
def test_a_value_in_another_format_is_an_error_quoting_it_even_in_danish(field, typed, example):
    with translation.override("da"):
        form = Schedule({field: typed, "note": "Bring chairs"}, initial=SAVED)

        assert not form.is_valid()
        [error] = form.errors[field]
        assert f"“{typed}”" in error and example in error
        assert form["note"].value() == "Bring chairs"  # the other values stay as they were typed


def test_the_input_shows_the_saved_date_again_instead_of_what_it_cannot_read():
    """A date input cannot show ``02.12.2026`` (the browser would show it empty), and saving the form
    again would clear the date: it shows the date that was saved, and the error says what was typed."""
    with translation.override("da"):
        form = Schedule({"day": "02.12.2026", "at": "25:99"}, initial=SAVED)
        form.is_valid()
        day, at = str(form["day"]), str(form["at"])

    assert 'value="2026-12-02"' in day and "02.12.2026" not in day
    assert 'value="09:05"' in at
    assert "“02.12.2026”" in form.errors["day"][0]


def test_an_emptied_date_is_a_deliberate_clear():
    form = Schedule({"day": "", "at": "09:05"}, initial=SAVED)

    assert form.is_valid()
    assert form.cleaned_data["day"] is None
    assert form.has_changed() and "day" in form.changed_data


def test_a_long_unreadable_value_is_quoted_shortened():
    form = Schedule({"day": "x" * 500})

    assert not form.is_valid()
    assert "x" * 39 + "…”" in form.errors["day"][0]
    assert "x" * 41 not in form.errors["day"][0]


# --- Every form uses them --------------------------------------------------------------------------------------


def _project_forms():
    for package in (arenas, platform_core):
        for module_info in pkgutil.walk_packages(package.__path__, f"{package.__name__}."):
            if ".migrations" in module_info.name or "admin" in module_info.name:
                continue  # Django's admin has its own date widgets, which work in every language
            module = importlib.import_module(module_info.name)
            for _name, value in inspect.getmembers(module, inspect.isclass):
                if issubclass(value, forms.BaseForm) and value.__module__ == module.__name__:
                    yield value


TEMPORAL = (forms.DateField, forms.TimeField, forms.DateTimeField, forms.SplitDateTimeField)
OURS = (HtmlDateField, HtmlTimeField, HtmlDateTimeField)
OURS_WIDGETS = tuple(field.machine_widget for field in OURS)


def test_every_date_and_time_field_of_every_form_is_one_of_the_shared_fields():
    checked, wrong = [], []
    for form_class in _project_forms():
        for name, field in form_class.base_fields.items():
            if isinstance(field, TEMPORAL):
                checked.append(f"{form_class.__name__}.{name}")
                if not isinstance(field, OURS) or not isinstance(field.widget, OURS_WIDGETS):
                    wrong.append(f"{form_class.__module__}.{form_class.__name__}.{name}")

    assert wrong == []
    # the phases editor, test rounds, measurements and join links at least
    assert {"PhaseForm.start_date", "IterationForm.end_date", "MeasurementForm.date"} <= set(checked)
    assert "JoinLinkForm.expires_on" in checked
