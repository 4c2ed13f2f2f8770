"""What every form of the project shares: Bootstrap classes, service errors on the form, and the date and
time fields. HTML's date, time and datetime-local inputs take one machine format in every language
(``2026-12-02``, ``14:30``, ``2026-12-02T14:30``); a value written the way the interface's language writes
dates (Danish ``02.12.2026``) is dropped by the browser, and the next save would clear it. So these inputs
are rendered, and read back, in the machine format only, whatever language is active."""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

HTML_DATE = "%Y-%m-%d"
HTML_TIME = "%H:%M"
HTML_DATETIME = "%Y-%m-%dT%H:%M"
SHOWN_VALUE_LENGTH = 40  # how much of an unreadable value an error message quotes


class BootstrapFormMixin:
    """Gives each widget Bootstrap's class, and marks fields with errors ``is-invalid``.

    Text fields follow the direction of what is typed (``dir="auto"``) and carry no ``maxlength``: a
    browser cuts pasted text at it without a word, so the server's "keep this to N characters (it has
    M)" speaks instead, with the whole text kept."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            widget.attrs.pop("maxlength", None)
            if isinstance(widget, forms.Textarea) or getattr(widget, "input_type", None) in (
                "text",
                "search",
            ):
                widget.attrs.setdefault("dir", "auto")  # Arabic or Hebrew typed in reads from the right
            if isinstance(widget, forms.CheckboxInput | forms.RadioSelect | forms.CheckboxSelectMultiple):
                css = "form-check-input"
            elif isinstance(widget, forms.Select):
                css = "form-select"
            else:
                css = "form-control"
            widget.attrs["class"] = f"{widget.attrs.get('class', '')} {css}".strip()

    def full_clean(self):
        super().full_clean()
        for name in self.errors:
            if name in self.fields:
                widget = self.fields[name].widget
                widget.attrs["class"] = f"{widget.attrs.get('class', '')} is-invalid".strip()


def add_service_errors(form: forms.Form, error: ValidationError, *, field_names: dict | None = None) -> None:
    """Put a service's ValidationError on the form: next to the field it names when the form has that
    field (``field_names`` maps a service's name to the form's), in the summary otherwise."""
    field_names = field_names or {}
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            target = field_names.get(name, name)
            form.add_error(target if target in form.fields else None, errors)
    else:
        form.add_error(None, error)


# --- Dates and times ----------------------------------------------------------------------------------------


class HtmlDateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format=HTML_DATE)


class HtmlTimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, attrs=None):
        super().__init__(attrs, format=HTML_TIME)


class HtmlDateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs, format=HTML_DATETIME)


class MachineFormatMixin:
    """A date or time field that reads only the machine format its input sends, and that says so when it
    cannot read a value: the error quotes what came in and shows how to write it. The input then shows
    the value it had before (a date input cannot show ``02.12.2026`` and would look empty, and saving the
    form again would clear the date)."""

    machine_widget: type[forms.Widget]
    machine_formats: list[str]

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", self.machine_widget)
        kwargs.setdefault("input_formats", self.machine_formats)
        super().__init__(**kwargs)

    def example(self) -> str:
        raise NotImplementedError

    def to_python(self, value):
        try:
            return super().to_python(value)
        except ValidationError as error:
            if error.code != "invalid":
                raise
            shown = str(value).strip()
            if len(shown) > SHOWN_VALUE_LENGTH:
                shown = shown[: SHOWN_VALUE_LENGTH - 1] + "…"
            raise ValidationError(
                self.error_messages["invalid"],
                code="invalid",
                params={"value": shown, "example": self.example()},
            ) from error

    def bound_data(self, data, initial):
        if self.disabled:
            return initial
        try:
            self.to_python(data)
        except ValidationError:
            return initial
        return data


class HtmlDateField(MachineFormatMixin, forms.DateField):
    machine_widget = HtmlDateInput
    machine_formats = [HTML_DATE]
    default_error_messages = {
        "invalid": _(
            "We cannot read “%(value)s” as a date. Write it as year-month-day, for example %(example)s."
        )
    }

    def example(self) -> str:
        return timezone.localdate().strftime(HTML_DATE)


class HtmlTimeField(MachineFormatMixin, forms.TimeField):
    machine_widget = HtmlTimeInput
    machine_formats = [HTML_TIME, "%H:%M:%S"]
    default_error_messages = {
        "invalid": _(
            "We cannot read “%(value)s” as a time. Write it as hours:minutes on the 24-hour clock, "
            "for example %(example)s."
        )
    }

    def example(self) -> str:
        return datetime.time(14, 30).strftime(HTML_TIME)


class HtmlDateTimeField(MachineFormatMixin, forms.DateTimeField):
    machine_widget = HtmlDateTimeInput
    machine_formats = [HTML_DATETIME, "%Y-%m-%dT%H:%M:%S"]
    default_error_messages = {
        "invalid": _(
            "We cannot read “%(value)s” as a date and time. Write it as year-month-day and hours:minutes, "
            "for example %(example)s."
        )
    }

    def example(self) -> str:
        return timezone.localtime().replace(hour=14, minute=30).strftime(HTML_DATETIME)
