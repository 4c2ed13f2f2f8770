"""Writing in a thread: a new post, a reply, an edit, a delete, an endorsement, a flag; moderators hide
and unhide. Each works as a plain form (a page of its own, then back to the post) and through HTMX (the
form opens under the post; the answer replaces the post, the posts region or the form)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from arenas.pages import require_allowed, sign_in_first
from platform_core.exceptions import RateLimited, Refused
from platform_core.forms import add_service_errors
from platform_core.ratelimit_pages import answer_rate_limited, rate_limited

from ..forms import FlagForm, HideForm, PostForm
from ..rules import PostPermissions
from ..selectors import endorsed_by, post_get_in_thread, post_place, revisions_attach
from ..services.moderation import flag_create
from ..services.posts import (
    endorsement_toggle,
    post_create,
    post_delete,
    post_edit,
    post_hide,
    post_unhide,
)
from .common import (
    focus_after_swap,
    post_url,
    retarget,
    thread_for,
    viewing_order,
)
from .threads import render_posts_region, render_thread_page

ACTION_TEMPLATE = "deliberation/post_action.html"


def _post_for(request, slug, thread_id, number):
    thread = thread_for(request, slug, thread_id)
    return thread, post_get_in_thread(thread=thread, number=number)


def _after_change(request, thread, post, text: str | None = None):
    """Back to the post: HTMX gets the post re-rendered in place; a plain form a redirect to it."""
    if request.htmx:
        return render_article(request, thread, post)
    if text:
        messages.success(request, text)
    return redirect(post_url(thread, post.number, viewing_order(request)))


def render_article(request, thread, post, status=200):
    """One post as the thread page shows it, for HTMX to swap in after a change."""
    permissions = PostPermissions(request.user, thread)
    revisions_attach(posts=[post], permissions=permissions)
    context = {
        "arena": thread.arena,
        "thread": thread,
        "post": post,
        "post_permissions": permissions,
        "endorsed": endorsed_by(viewer=request.user, post_ids=[post.pk]),
        "order": viewing_order(request),
    }
    response = render(request, "deliberation/_post_article.html", context, status=status)
    return focus_after_swap(response, f"post-{post.number}")


def _action_page(request, thread, post, action: str, form, *, limited: RateLimited | None = None):
    """The form of one action on one post: a page of its own, or (HTMX) the form alone, under the post."""
    author = post.author.name if post.author else _("a deleted participant")
    names = {
        "reply": (_("Reply to %(name)s") % {"name": author}, _("Post your reply")),
        "edit": (_("Edit your post"), _("Save your changes")),
        "delete": (_("Delete your post"), _("Delete this post")),
        "flag": (_("Flag this post"), _("Send the flag to the facilitators")),
        "hide": (_("Hide this post"), _("Hide this post")),
    }
    heading, submit = names[action]
    form_id = f"{action}-form-{post.number}"
    url = reverse(f"deliberation:post-{action}", args=[thread.arena.slug, thread.pk, post.number])
    context = {
        "arena": thread.arena,
        "thread": thread,
        "post": post,
        "action": action,
        "form": form,
        "form_id": form_id,
        "heading": heading,
        "submit_label": submit,
        "action_url": url,
        "order": viewing_order(request),
        "hx_target": "#posts" if action == "reply" else f"#post-{post.number}",
    }
    if form is not None and not form.is_bound:
        first = next(iter(form.fields.values()))
        first.widget.attrs["autofocus"] = True  # HTMX focuses it when the form opens under the post
    template = f"{ACTION_TEMPLATE}#action-form" if request.htmx else ACTION_TEMPLATE
    if limited is not None:
        response = rate_limited(request, limited, template, context)
    else:
        response = render(request, template, context)
    if request.htmx and request.method == "POST":
        retarget(response, f"#{form_id}")
    return response


def _posted(request, thread, post):
    """After a new post or a reply: HTMX gets the posts region of the page that shows it; a plain form goes
    there."""
    order = viewing_order(request)
    if not request.htmx:
        messages.success(request, _("Your post is published."))
        return redirect(post_url(thread, post.number, order))
    number, expand = post_place(thread=thread, number=post.number, order=order)
    response = render_posts_region(request, thread, order=order, number=number, expand=expand)
    retarget(response, "#posts")
    return focus_after_swap(response, f"post-{post.number}")


@sign_in_first
@require_POST
def post_create_view(request, slug, thread_id):
    thread = thread_for(request, slug, thread_id)
    require_allowed(request, "deliberation.post_in_thread", thread, back_to=thread.get_absolute_url())
    form = PostForm(request.POST, auto_id="new_%s")
    order = viewing_order(request)
    page = request.POST.get("page", "")
    number = int(page) if page.isdigit() else 10**9  # the page the form was on (or the last one)
    if form.is_valid():
        try:
            post = post_create(thread=thread, author=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        except RateLimited as exc:
            if request.htmx:
                context = _new_post_form_context(thread, form, order, number)
                response = rate_limited(request, exc, "deliberation/thread.html#new-post-form", context)
                return retarget(response, "#new-post-form")
            page = render_thread_page(
                request, thread, order=order, number=number, post_form=form, rate_limited=exc.message
            )
            return answer_rate_limited(page, exc)
        else:
            return _posted(request, thread, post)
    if request.htmx:
        context = _new_post_form_context(thread, form, order, number)
        return retarget(render(request, "deliberation/thread.html#new-post-form", context), "#new-post-form")
    return render_thread_page(request, thread, order=order, number=number, post_form=form)


def _new_post_form_context(thread, form, order, number) -> dict:
    return {"arena": thread.arena, "thread": thread, "post_form": form, "order": order, "page_number": number}


@sign_in_first
@require_http_methods(["GET", "POST"])
def post_reply_view(request, slug, thread_id, number):
    thread, parent = _post_for(request, slug, thread_id, number)
    require_allowed(request, "deliberation.reply_to_post", parent, back_to=thread.get_absolute_url())
    form = PostForm(request.POST or None, auto_id=f"reply{parent.number}_%s", body_label=_("Your reply"))
    if request.method == "POST" and form.is_valid():
        try:
            post = post_create(thread=thread, author=request.user, parent=parent, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        except RateLimited as exc:
            return _action_page(request, thread, parent, "reply", form, limited=exc)
        else:
            return _posted(request, thread, post)
    return _action_page(request, thread, parent, "reply", form)


@sign_in_first
@require_http_methods(["GET", "POST"])
def post_edit_view(request, slug, thread_id, number):
    thread, post = _post_for(request, slug, thread_id, number)
    require_allowed(request, "deliberation.change_post", post, back_to=thread.get_absolute_url())
    initial = {"body": post.body, "stance": post.stance}
    form = PostForm(request.POST or None, initial=initial, auto_id=f"edit{post.number}_%s")
    if request.method == "POST" and form.is_valid():
        try:
            post_edit(post=post, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return _after_change(
                request, thread, post, _("Your changes are saved. The earlier text is kept.")
            )
    return _action_page(request, thread, post, "edit", form)


@sign_in_first
@require_http_methods(["GET", "POST"])
def post_delete_view(request, slug, thread_id, number):
    thread, post = _post_for(request, slug, thread_id, number)
    require_allowed(request, "deliberation.delete_post", post, back_to=post_url(thread, post.number))
    if request.method == "POST":
        post_delete(post=post, actor=request.user)
        return _after_change(request, thread, post, _("Your post is deleted. Its replies stay."))
    return _action_page(request, thread, post, "delete", None)


@sign_in_first
@require_POST
def post_endorse_view(request, slug, thread_id, number):
    thread, post = _post_for(request, slug, thread_id, number)
    require_allowed(request, "arenas.contribute", thread.arena, back_to=post_url(thread, post.number))
    try:
        endorses = endorsement_toggle(post=post, user=request.user)
    except Refused as refused:  # the post was hidden, deleted or its thread locked meanwhile
        if request.htmx:  # show the post as it is now
            return retarget(render_article(request, thread, post), f"#post-{post.number}")
        messages.error(request, refused.message)
        return redirect(post_url(thread, post.number, viewing_order(request)))
    if request.htmx:
        context = {
            "arena": thread.arena,
            "thread": thread,
            "post": post,
            "endorsed": {post.pk} if endorses else set(),
        }
        return render(request, "deliberation/_endorse.html", context)
    messages.success(
        request, _("You endorse this post.") if endorses else _("You no longer endorse this post.")
    )
    return redirect(post_url(thread, post.number, viewing_order(request)))


@sign_in_first
@require_http_methods(["GET", "POST"])
def post_flag_view(request, slug, thread_id, number):
    thread, post = _post_for(request, slug, thread_id, number)
    require_allowed(request, "deliberation.flag_post", post, back_to=post_url(thread, post.number))
    form = FlagForm(request.POST or None, auto_id=f"flag{post.number}_%s")
    if request.method == "POST" and form.is_valid():
        try:
            flag_create(post=post, reporter=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        except RateLimited as exc:
            return _action_page(request, thread, post, "flag", form, limited=exc)
        else:
            text = _("Thank you. The facilitators will look at the post.")
            if request.htmx:
                response = render(request, "deliberation/_flagged.html", {"post": post, "text": text})
                retarget(response, f"#post-{post.number}-panel", "innerHTML")
                return focus_after_swap(response, f"flagged-{post.number}")
            messages.success(request, text)
            return redirect(post_url(thread, post.number, viewing_order(request)))
    return _action_page(request, thread, post, "flag", form)


@sign_in_first
@require_http_methods(["GET", "POST"])
def post_hide_view(request, slug, thread_id, number):
    thread, post = _post_for(request, slug, thread_id, number)
    require_allowed(request, "deliberation.moderate_post", post, back_to=post_url(thread, post.number))
    form = HideForm(request.POST or None, auto_id=f"hide{post.number}_%s")
    if request.method == "POST" and form.is_valid():
        try:
            post_hide(post=post, actor=request.user, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return _after_change(request, thread, post, _("The post is hidden. Its author is told why."))
    return _action_page(request, thread, post, "hide", form)


@sign_in_first
@require_POST
def post_unhide_view(request, slug, thread_id, number):
    thread, post = _post_for(request, slug, thread_id, number)
    require_allowed(request, "deliberation.moderate_post", post, back_to=post_url(thread, post.number))
    post_unhide(post=post, actor=request.user)
    return _after_change(request, thread, post, _("The post is visible again."))
