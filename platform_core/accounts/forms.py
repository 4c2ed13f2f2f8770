from django import forms
from django.utils.translation import gettext_lazy as _

from platform_core.forms import BootstrapFormMixin

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

    def signup(self, request, user):
        user.display_name = self.cleaned_data.get("display_name", "")
        user.save(update_fields=["display_name"])


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
