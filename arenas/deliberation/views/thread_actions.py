"""What the thread page posts to about the thread itself: follow or mute it; moderators pin, lock, resolve
and summarise it. Each: find the thread as the viewer may see it (404), refuse what the policy does not
allow (403), call one service, go back to the thread with a message."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from arenas.pages import require_allowed, sign_in_first
from platform_core.forms import add_service_errors

from ..forms import SummaryForm
from ..services.threads import thread_follow_set, thread_moderate, thread_summary_set
from .common import thread_for, viewing_order
from .threads import render_thread_page

FOLLOW_STATES = {"following": "following", "muted": "muted", "default": None}
FOLLOW_MESSAGES = {
    "following": gettext_lazy("You follow this thread: we tell you about every new post."),
    "muted": gettext_lazy("You muted this thread: we no longer tell you about its new posts."),
    "default": gettext_lazy("You no longer follow this thread."),
}

# (field, value) → what the thread page says afterwards
MODERATION = {
    ("pinned", True): gettext_lazy("The thread is pinned to the top of the list."),
    ("pinned", False): gettext_lazy("The thread is no longer pinned."),
    ("locked", True): gettext_lazy("The thread is locked: it takes no new posts."),
    ("locked", False): gettext_lazy("The thread is open to new posts again."),
    ("resolved", True): gettext_lazy("The thread is marked resolved."),
    ("resolved", False): gettext_lazy("The thread is open again (not resolved)."),
}


@sign_in_first
@require_POST
def thread_follow_view(request, slug, thread_id):
    thread = thread_for(request, slug, thread_id)
    require_allowed(request, "deliberation.follow_thread", thread, back_to=thread.get_absolute_url())
    choice = request.POST.get("state", "")
    if choice not in FOLLOW_STATES:
        messages.error(request, _("Choose to follow or mute the thread."))
        return redirect(thread)
    thread_follow_set(thread=thread, user=request.user, state=FOLLOW_STATES[choice])
    messages.success(request, FOLLOW_MESSAGES[choice])
    return redirect(f"{thread.get_absolute_url()}#thread-tools")


@sign_in_first
@require_POST
def thread_moderate_view(request, slug, thread_id):
    thread = thread_for(request, slug, thread_id)
    require_allowed(request, "deliberation.moderate_thread", thread, back_to=thread.get_absolute_url())
    changes = {
        name: request.POST[name] == "1"
        for name in ("pinned", "locked", "resolved")
        if request.POST.get(name) in ("0", "1")
    }
    if not changes:
        messages.error(request, _("Choose what to change: pin, lock or resolve."))
        return redirect(thread)
    thread_moderate(thread=thread, actor=request.user, **changes)
    for name, value in changes.items():
        messages.success(request, MODERATION[(name, value)])
    return redirect(f"{thread.get_absolute_url()}#thread-tools")


@sign_in_first
@require_POST
def thread_summary_view(request, slug, thread_id):
    thread = thread_for(request, slug, thread_id)
    require_allowed(request, "deliberation.moderate_thread", thread, back_to=thread.get_absolute_url())
    form = SummaryForm(request.POST, auto_id="summary_%s")
    if form.is_valid():
        try:
            thread_summary_set(thread=thread, actor=request.user, body=form.cleaned_data["summary"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The summary is saved. Earlier versions are kept under it."))
            return redirect(f"{thread.get_absolute_url()}#summary")
    return render_thread_page(
        request, thread, order=viewing_order(request), number=1, summary_form=form, summary_open=True
    )
