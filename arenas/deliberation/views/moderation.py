"""The moderation queue (/arenas/<slug>/moderation/): flagged posts, newest flagged first, and what
facilitators do about them: hide, dismiss the flags, warn the author, ban the author from the arena."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_POST

from arenas.pages import arena_for, sign_in_first
from platform_core.forms import add_service_errors

from ..forms import BanForm, HideForm, WarnForm
from ..selectors import moderation_queue, post_in_arena
from ..services.moderation import author_ban, author_warn, flags_dismiss
from ..services.posts import post_hide

PER_PAGE = 20
FORMS = {"hide": HideForm, "warn": WarnForm, "ban": BanForm}


def _arena_for(request, slug):
    return arena_for(
        request, slug, "arenas.moderate", back_to=reverse("deliberation:moderation", args=[slug])
    )


def render_queue(request, arena, *, failed: dict | None = None, status=200):
    """The queue. ``failed`` is the action that was refused: {"post": id, "action": name, "form": form}."""
    page = Paginator(moderation_queue(arena=arena), PER_PAGE).get_page(request.GET.get("page"))
    failed = failed or {}
    for post in page.object_list:
        post.action_forms = {
            action: failed["form"]
            if (failed.get("post"), failed.get("action")) == (post.pk, action)
            else form_class(prefix=f"{action}{post.pk}")
            for action, form_class in FORMS.items()
        }
    return render(request, "deliberation/moderation.html", {"arena": arena, "page": page}, status=status)


@sign_in_first
@require_GET
def moderation_queue_view(request, slug):
    return render_queue(request, _arena_for(request, slug))


@sign_in_first
@require_POST
def moderation_action_view(request, slug, post_id, action):
    arena = _arena_for(request, slug)
    post = post_in_arena(arena=arena, post_id=post_id)
    author = post.author.name if post.author else _("Deleted participant")
    form = FORMS[action](request.POST, prefix=f"{action}{post.pk}") if action in FORMS else None
    if form is not None and not form.is_valid():
        return render_queue(request, arena, failed={"post": post.pk, "action": action, "form": form})
    try:
        if action == "hide":
            post_hide(post=post, actor=request.user, reason=form.cleaned_data["reason"])
            text = _("The post is hidden and its flags closed. %(author)s is told why.") % {"author": author}
        elif action == "dismiss":
            count = flags_dismiss(post=post, actor=request.user)
            text = ngettext(
                "One flag dismissed: the post stays as it is.",
                "%(count)s flags dismissed: the post stays as it is.",
                count,
            ) % {"count": count}
        elif action == "warn":
            author_warn(post=post, actor=request.user, message=form.cleaned_data["message"])
            text = _("%(author)s is warned, and the flags are closed.") % {"author": author}
        elif action == "ban":
            author_ban(post=post, actor=request.user, reason=form.cleaned_data["reason"])
            text = _("%(author)s is banned from this arena.") % {"author": author}
        else:
            raise Http404
    except ValidationError as error:
        if form is None:
            for message in error.messages:
                messages.error(request, message)
            return redirect("deliberation:moderation", slug=arena.slug)
        add_service_errors(form, error)
        return render_queue(request, arena, failed={"post": post.pk, "action": action, "form": form})
    messages.success(request, text)
    return redirect("deliberation:moderation", slug=arena.slug)
