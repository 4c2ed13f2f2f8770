from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from .forms import NotificationSettingsForm
from .models import Notification, NotificationSettings
from .preferences import preferences_of
from .registry import registry
from .selectors import active_user, muted_groups_of, notifications_for, unread_count
from .services import (
    email_unsubscribe,
    notification_group_mute,
    notification_settings_update,
    notifications_mark_read,
)
from .tokens import unsubscribe_token_read

PAGE_SIZE = 25


def _changed(request, fallback="notifications:list"):
    """After a mark-read: HTMX gets the refreshed list and an event for the header count; others a redirect."""
    if request.htmx:
        response = _list_response(request)
        response["HX-Trigger"] = "notifications-changed"
        return response
    return redirect(fallback)


@login_required
@require_GET
def notification_list(request):
    return _list_response(request)


def _list_response(request):
    """The list (or, for HTMX, its fragment). Shared with the mark-read POSTs, which must not go through
    ``notification_list``'s ``require_GET``."""
    unread_only = request.GET.get("filter") == "unread"
    page = Paginator(notifications_for(user=request.user, unread_only=unread_only), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    template = "notifications/list.html#notification-list" if request.htmx else "notifications/list.html"
    return render(request, template, {"page": page, "unread_only": unread_only})


@login_required
@require_GET
def notification_count(request):
    return render(
        request, "notifications/count.html", {"unread_notifications": unread_count(user=request.user)}
    )


@login_required
@require_POST
def notification_mark_read(request, pk):
    notifications_mark_read(user=request.user, ids=[pk])
    return _changed(request)


@login_required
@require_POST
def notification_mark_all_read(request):
    count = notifications_mark_read(user=request.user)
    if not request.htmx:
        messages.success(
            request, _("All notifications are marked as read.") if count else _("Nothing was unread.")
        )
    return _changed(request)


@login_required
@require_http_methods(["GET", "POST"])
def notification_open(request, pk):
    """Mark one notification read and go where it points. A GET, so that each notification is a plain link
    (open in a new tab works); reading your own notification is the one change a GET makes here."""
    notification = get_object_or_404(Notification, pk=pk, recipient=request.user)
    notifications_mark_read(user=request.user, ids=[notification.pk])
    target = notification.url
    if not target or not url_has_allowed_host_and_scheme(
        target, {request.get_host()}, require_https=request.is_secure()
    ):
        target = "notifications:list"
    return redirect(target)


@login_required
@require_http_methods(["GET", "POST"])
def notification_settings(request):
    form = NotificationSettingsForm(request.POST or None, preferences=preferences_of(request.user))
    if request.method == "POST" and form.is_valid():
        notification_settings_update(
            user=request.user,
            email_by_category=form.email_by_category(),
            digest_frequency=form.cleaned_data["digest_frequency"],
            digest_hour=form.cleaned_data["digest_hour"],
            digest_weekday=form.cleaned_data["digest_weekday"],
        )
        messages.success(request, _("Your notification settings are saved."))
        return redirect("notifications:settings")
    muted = preferences_of(request.user).muted_groups
    muted_groups = muted_groups_of(user=request.user, muted=muted)
    return render(request, "notifications/settings.html", {"form": form, "muted_groups": muted_groups})


@login_required
@require_POST
def notification_group_unmute(request):
    group_key = request.POST.get("group", "")
    notification_group_mute(user=request.user, group_key=group_key, muted=False)
    messages.success(request, _("You will hear about it again."))
    return redirect("notifications:settings")


@csrf_exempt  # mail clients POST here (RFC 8058 one-click); the signed token is the protection
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    """GET shows what the link will do and asks to confirm; POST (the button, or a mail client's one-click)
    does it. Works signed out."""
    try:
        user_id, category_key = unsubscribe_token_read(token)
    except signing.BadSignature:
        return render(request, "notifications/unsubscribe_invalid.html", status=400)
    user = active_user(user_id=user_id)
    if user is None:
        return render(request, "notifications/unsubscribe_invalid.html", status=400)
    category = registry.categories.get(category_key) if category_key else None
    if category_key and (category is None or not category.can_turn_off):
        return render(request, "notifications/unsubscribe_invalid.html", status=400)
    what = category.label if category else _("the digest")
    if request.method == "POST":
        changed = email_unsubscribe(user=user, category=category_key)
        return render(
            request,
            "notifications/unsubscribe_done.html",
            {"what": what, "changed": changed, "email": user.email},
        )
    already = (
        preferences_of(user).digest_frequency == NotificationSettings.Frequency.NEVER
        if category is None
        else preferences_of(user).email_by_category.get(category_key) == "off"
    )
    return render(
        request, "notifications/unsubscribe.html", {"what": what, "already": already, "email": user.email}
    )
