from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from platform_core.erasure import AccountDeletionBlocked
from platform_core.forms import add_service_errors
from platform_core.i18n import language_cookie_set

from .erasure import account_blockers, account_delete
from .forms import AccountDeleteForm, ProfileForm
from .services import user_update_profile


@login_required
@require_http_methods(["GET", "POST"])
def settings_profile(request):
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        user_update_profile(user=request.user, **form.cleaned_data)
        messages.success(request, _("Your profile is saved."))
        # The language picked here is the one the site speaks from now on.
        return language_cookie_set(redirect("accounts:settings"), request.user.language)
    return render(request, "accounts/settings.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def settings_delete(request):
    """Delete my account: what it means, the password again, and the arenas to hand over first."""
    form = AccountDeleteForm(request.POST or None)
    blockers = account_blockers(request.user)
    if request.method == "POST" and form.is_valid():
        try:
            account_delete(user=request.user, actor=request.user, password=form.cleaned_data["password"])
        except AccountDeletionBlocked as blocked:
            blockers = blocked.messages
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            logout(request)
            messages.success(
                request, _("Your account is deleted. What you wrote stays, by “Deleted participant”.")
            )
            return redirect("/")
    return render(request, "accounts/delete.html", {"form": form, "blockers": blockers})
