"""Forms of the members page. They check the shape of what was typed; the services decide what is allowed."""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from platform_core.forms import BootstrapFormMixin, HtmlDateField

from .models import Role, StakeholderType

MAX_CSV_BYTES = 1024 * 1024  # 500 rows of email,role,stakeholder_type fit many times over
JOIN_LINK_ROLES = [(Role.PARTICIPANT, Role.PARTICIPANT.label), (Role.OBSERVER, Role.OBSERVER.label)]


class InviteOneForm(BootstrapFormMixin, forms.Form):
    email = forms.EmailField(
        label=_("Email address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
    )
    role = forms.ChoiceField(
        label=_("Role"),
        error_messages={"invalid_choice": _("You may not invite people with this role.")},
    )
    stakeholder_type = forms.ChoiceField(
        label=_("Takes part as"), choices=StakeholderType.choices, initial=StakeholderType.RESIDENT
    )
    message = forms.CharField(
        label=_("Personal message"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Shown in the email and on the invitation page."),
    )

    def __init__(self, *args, roles: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = roles
        self.fields["role"].initial = Role.PARTICIPANT


class InviteManyForm(BootstrapFormMixin, forms.Form):
    addresses = forms.CharField(
        label=_("Email addresses"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6, "spellcheck": "false", "autocomplete": "off"}),
        help_text=_(
            "One address per line, or separated by commas. To choose the role and stakeholder type per "
            "person, write a line as email,role,stakeholder_type (or paste the three columns from a "
            "spreadsheet). Others join as participant and resident."
        ),
    )
    csv_file = forms.FileField(
        label=_("Or upload a CSV file"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv,text/plain"}),
        help_text=_(
            "Columns email, role, stakeholder_type, separated by commas or semicolons; the header line is "
            "optional. Up to 500 rows. Excel's “CSV UTF-8” and plain “CSV” files both work."
        ),
    )
    message = forms.CharField(
        label=_("Message to everyone on the list"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def clean_csv_file(self):
        upload = self.cleaned_data.get("csv_file")
        if upload and upload.size > MAX_CSV_BYTES:
            raise ValidationError(_("The file is too large: a CSV of 500 invitations is well under 1 MB."))
        return upload

    def clean(self):
        cleaned = super().clean()
        has_text = bool(cleaned.get("addresses", "").strip())
        has_file = bool(cleaned.get("csv_file"))
        if "csv_file" in self.errors or "addresses" in self.errors:
            return cleaned
        if has_text and has_file:
            raise ValidationError(_("Paste addresses or upload a file, not both."))
        if not has_text and not has_file:
            self.add_error("addresses", _("Paste at least one email address, or upload a CSV file."))
        return cleaned

    @property
    def source_field(self) -> str:
        return "csv_file" if self.cleaned_data.get("csv_file") else "addresses"


class JoinLinkForm(BootstrapFormMixin, forms.Form):
    role = forms.ChoiceField(label=_("People who use the link join as"), choices=JOIN_LINK_ROLES)
    expires_on = HtmlDateField(
        label=_("Valid until"),
        required=False,
        help_text=_("The link works until the end of this day. Leave empty for no end date."),
    )
    max_uses = forms.IntegerField(
        label=_("Maximum number of people"),
        required=False,
        min_value=1,
        max_value=100000,
        help_text=_("Leave empty for no limit."),
    )

    def clean_expires_on(self):
        day = self.cleaned_data.get("expires_on")
        if day and day < timezone.localdate():
            raise ValidationError(_("Pick today or a later day."))
        return day

    @property
    def expires_at(self):
        """The end of the chosen day, in the viewer's time zone."""
        day = self.cleaned_data.get("expires_on")
        if not day:
            return None
        return timezone.make_aware(datetime.datetime.combine(day, datetime.time(23, 59, 59)))


class RoleForm(forms.Form):
    role = forms.ChoiceField(choices=Role.choices)


class BanForm(BootstrapFormMixin, forms.Form):
    reason = forms.CharField(
        label=_("Reason for the ban"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Say why: the reason is kept with the ban.")},
    )
