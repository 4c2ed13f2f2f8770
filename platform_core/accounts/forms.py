from django import forms
from django.utils.translation import gettext_lazy as _

from platform_core.forms import BootstrapFormMixin
from platform_core.legal.forms import accept_field
from platform_core.legal.models import Consent
from platform_core.legal.selectors import documents_in_effect
from platform_core.legal.services import consent_record

from .models import User


class SignupExtraForm(forms.Form):
    """Fields that allauth's sign-up form adds to its own (email and password)."""

    display_name = forms.CharField(
        label=_("Your name"),
        max_length=80,
        required=False,
        help_text=_("Shown next to what you write. You can leave it empty and use your handle."),
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.documents = documents_in_effect()
        if self.documents:  # a site with no terms yet asks nothing
            self.fields["accept"] = accept_field()

    def signup(self, request, user):
        user.display_name = self.cleaned_data.get("display_name", "")
        user.save(update_fields=["display_name"])
        consent_record(user=user, how=Consent.How.SIGN_UP, documents=self.documents)


class ProfileForm(BootstrapFormMixin, forms.ModelForm):
    class Meta:
        model = User
        fields = ["display_name", "handle", "language", "time_zone"]
        widgets = {"display_name": forms.TextInput(attrs={"autocomplete": "name"})}

    def clean_handle(self):
        handle = self.cleaned_data["handle"].lower()
        if User.objects.filter(handle=handle).exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(_("Someone already uses this handle. Please pick another."))
        return handle


class AccountDeleteForm(BootstrapFormMixin, forms.Form):
    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text=_("To be sure it is you."),
    )

    def __init__(self, *args, by_code: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if by_code:  # no password to type: an emailed code confirms instead (see settings_delete)
            del self.fields["password"]
