from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from platform_core.i18n import language_cookie_set

from .forms import ProfileForm
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
