from django import forms
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from platform_core.forms import BootstrapFormMixin


def accept_field() -> forms.BooleanField:
    """ "I accept": the terms and the privacy notice linked from its help text."""
    return forms.BooleanField(
        label=_("I accept the terms of use and the privacy notice."),
        help_text=format_html(
            _('Read the <a href="{terms}">terms of use</a> and the <a href="{privacy}">privacy notice</a>.'),
            terms=reverse("legal:terms"),
            privacy=reverse("legal:privacy"),
        ),
        error_messages={"required": _("Please accept the terms of use and the privacy notice to go on.")},
    )


class ConsentForm(BootstrapFormMixin, forms.Form):
    """Accept the versions shown (their ids ride along: a newer one in effect meanwhile is asked next)."""

    documents = forms.CharField(widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["accept"] = accept_field()

    def clean_documents(self) -> list[int]:
        try:
            return [int(part) for part in self.cleaned_data["documents"].split(",") if part]
        except ValueError:
            raise forms.ValidationError(_("Please reload the page and try again.")) from None
