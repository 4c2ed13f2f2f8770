from django import forms
from django.utils.translation import gettext_lazy as _

from platform_core.forms import BootstrapFormMixin

from .models import NotificationSettings
from .preferences import Preferences
from .registry import EmailMode, registry

EMAIL_CHOICES = [
    (EmailMode.IMMEDIATELY, _("Email me immediately")),
    (EmailMode.DIGEST, _("Put it in my digest")),
    (EmailMode.OFF, _("Don't email me")),
]


class NotificationSettingsForm(BootstrapFormMixin, forms.Form):
    digest_frequency = forms.ChoiceField(label=_("Digest"), choices=NotificationSettings.Frequency.choices)
    digest_hour = forms.TypedChoiceField(
        label=_("Send it at"), coerce=int, choices=[(h, f"{h:02d}:00") for h in range(24)]
    )
    digest_weekday = forms.TypedChoiceField(
        label=_("On (weekly digest)"), coerce=int, choices=NotificationSettings.Weekday.choices
    )

    def __init__(self, *args, preferences: Preferences, **kwargs):
        super().__init__(*args, **kwargs)
        self.category_fields = []
        for category in registry.categories.values():
            name = f"category_{category.key}"
            choices = EMAIL_CHOICES if category.can_turn_off else EMAIL_CHOICES[:2]
            self.fields[name] = forms.ChoiceField(
                label=category.label,
                choices=choices,
                help_text=category.help_text,
                initial=preferences.email_mode(category.key),
                widget=forms.Select(attrs={"class": "form-select"}),
            )
            self.category_fields.append(name)
        self.fields["digest_frequency"].initial = preferences.digest_frequency
        self.fields["digest_hour"].initial = preferences.digest_hour
        self.fields["digest_weekday"].initial = preferences.digest_weekday

    def categories(self):
        return [self[name] for name in self.category_fields]

    def email_by_category(self) -> dict[str, str]:
        return {name.removeprefix("category_"): self.cleaned_data[name] for name in self.category_fields}
