from django import forms
from django.core.exceptions import ValidationError


class BootstrapFormMixin:
    """Gives each widget Bootstrap's class, and marks fields with errors ``is-invalid``."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
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
