"""The moderation queue (/arenas/<slug>/moderation/): flagged posts, newest flagged first, and one decision
per post: hide and/or warn the author and/or ban them, with one reason; or dismiss the flags."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_POST

from arenas.pages import arena_for, sign_in_first
from platform_core.exceptions import Refused
from platform_core.forms import add_service_errors

from ..forms import DecisionForm
from ..selectors import moderation_queue, post_in_arena
from ..services.decisions import Decision, moderation_decide

PER_PAGE = 20
TEMPLATE = "deliberation/moderation.html"


def _arena_for(request, slug):
    return arena_for(
        request, slug, "arenas.moderate", back_to=reverse("deliberation:moderation", args=[slug])
    )


def render_queue(request, arena, *, failed: DecisionForm | None = None, failed_post=None, decided=""):
    """The queue (only its section for htmx). ``failed`` is the refused decision's form, on ``failed_post``."""
    page = Paginator(moderation_queue(arena=arena), PER_PAGE).get_page(request.GET.get("page"))
    for post in page.object_list:
        post.decision_form = (
            failed
            if failed is not None and post.pk == failed_post
            else DecisionForm(prefix=f"decide{post.pk}")
        )
    template = f"{TEMPLATE}#queue" if request.htmx else TEMPLATE
    return render(request, template, {"arena": arena, "page": page, "decided": decided})


def _told(decision: Decision, author: str) -> str:
    if decision.dismissed:
        return ngettext(
            "One flag dismissed: the post stays as it is.",
            "%(count)s flags dismissed: the post stays as it is.",
            decision.flags_closed,
        ) % {"count": decision.flags_closed}
    done = [
        text
        for chosen, text in [
            (decision.hidden, _("the post is hidden")),
            (decision.warned, _("%(author)s is warned") % {"author": author}),
            (decision.banned, _("%(author)s is banned from this arena") % {"author": author}),
        ]
        if chosen
    ] or [_("the post was already hidden")]
    return _("Decided: %(done)s. The flags are closed and the author is told why.") % {
        "done": "; ".join(done)
    }


@sign_in_first
@require_GET
def moderation_queue_view(request, slug):
    return render_queue(request, _arena_for(request, slug))


@sign_in_first
@require_POST
def moderation_decide_view(request, slug, post_id):
    arena = _arena_for(request, slug)
    post = post_in_arena(arena=arena, post_id=post_id)
    author = post.author.name if post.author else _("Deleted participant")
    form = DecisionForm(request.POST, prefix=f"decide{post.pk}", dismiss="dismiss" in request.POST)
    if not form.is_valid():
        return render_queue(request, arena, failed=form, failed_post=post.pk)
    try:
        decision = moderation_decide(post=post, actor=request.user, **form.cleaned_data)
    except ValidationError as error:
        add_service_errors(form, error)
        return render_queue(request, arena, failed=form, failed_post=post.pk)
    except Refused as refused:  # e.g. a facilitator may not ban a convener: nothing was done
        form.add_error(None, str(refused))
        return render_queue(request, arena, failed=form, failed_post=post.pk)
    text = _told(decision, author)
    if request.htmx:
        return render_queue(request, arena, decided=text)
    messages.success(request, text)
    return redirect("deliberation:moderation", slug=arena.slug)
