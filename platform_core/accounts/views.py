from allauth.account.decorators import reauthentication_required
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from platform_core.erasure import AccountDeletionBlocked
from platform_core.forms import add_service_errors
from platform_core.i18n import language_cookie_set
from platform_core.ratelimits import RateLimited

from .data_export import data_export_hand_out, data_export_request
from .erasure import account_blockers, account_delete
from .forms import AccountDeleteForm, ProfileForm
from .models import DataExport
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


def _signs_in_by_code(request) -> bool:
    return not request.user.has_usable_password()


@login_required
@require_http_methods(["GET", "POST"])
@reauthentication_required(allow_get=True, enabled=_signs_in_by_code)
def settings_delete(request):
    """Delete my account: what it means, the password again, and the arenas to hand over first.

    An account without a password confirms with a code instead: allauth's reauthentication emails one,
    and replays the POST here once it is typed in (``reauthentication_required`` lets none through
    before)."""
    by_code = _signs_in_by_code(request)
    form = AccountDeleteForm(request.POST if request.method == "POST" else None, by_code=by_code)
    blockers = account_blockers(request.user)
    if request.method == "POST" and form.is_valid():
        try:
            account_delete(
                user=request.user,
                actor=request.user,
                password=form.cleaned_data.get("password"),
                reauthenticated=by_code,
            )
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
    return render(request, "accounts/delete.html", {"form": form, "blockers": blockers, "by_code": by_code})


@login_required
@require_http_methods(["GET", "POST"])
def settings_data(request):
    """Download my data: ask for an archive (built in the background, linked by email)."""
    if request.method == "POST":
        try:
            data_export_request(user=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        except RateLimited as limited:
            messages.error(request, limited.message)
        else:
            messages.success(request, _("We are gathering your data. We email you a link when it is ready."))
        return redirect("accounts:data")
    exports = DataExport.objects.filter(user=request.user)[:5]
    return render(request, "accounts/data.html", {"exports": exports})


@login_required
@require_GET
def data_export_download(request, token: str):
    export = data_export_hand_out(token=token, user=request.user)
    if export is None:
        raise Http404
    return FileResponse(export.file.open("rb"), as_attachment=True, filename="cocreate-my-data.zip")
