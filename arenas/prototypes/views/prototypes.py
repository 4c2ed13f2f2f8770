"""A prototype's page, starting one (optionally from a thread: ``?thread=<id>``), editing what it says and
linking the threads it came from."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from arenas.pages import arena_for, require_person, sign_in_first
from arenas.rules import can, refusal
from platform_core.exceptions import Refused
from platform_core.forms import add_service_errors

from ..forms import PrototypeCreateForm, PrototypeForm, SourcesForm
from ..selectors.prototype import source_thread_choices
from ..services.prototypes import prototype_create, prototype_link_sources, prototype_update
from .common import (
    detail_url,
    forbidden,
    prototype_for,
    refused_page,
)
from .page import render_detail


@require_GET
def prototype_detail(request, slug, prototype_id):
    return render_detail(request, prototype_for(request, slug, prototype_id))


def _origin_thread(request, threads) -> tuple[str, str] | None:
    """``?thread=<id>``: (id, title) of that thread when it is one of this arena's threads, which the viewer
    may see since they may contribute here; anything else (another arena's, a private one's, no such
    thread) is ignored, so that the form never shows a title the viewer may not read."""
    wanted = request.GET.get("thread", "")
    if not wanted.isdigit():
        return None
    return next(((str(pk), title) for pk, title, _k in threads if str(pk) == wanted), None)


@sign_in_first
@require_http_methods(["GET", "POST"])
def prototype_create_view(request, slug):
    arena = arena_for(request, slug)
    require_person(request, back_to=reverse("prototypes:create", args=[slug]))
    if not can(request.user, "arenas.contribute", arena):
        return forbidden(request, arena, refusal(request.user, "arenas.contribute", arena))
    threads = source_thread_choices(arena=arena)
    if request.method == "GET":
        origin = _origin_thread(request, threads)
        initial = {"source_threads": [origin[0]], "title": origin[1]} if origin else {}
        form = PrototypeCreateForm(threads=threads, initial=initial)
        context = {"arena": arena, "form": form, "origin": origin[1] if origin else None}
        return render(request, "prototypes/create.html", context)
    form = PrototypeCreateForm(request.POST, threads=threads)
    if form.is_valid():
        data = form.cleaned_data
        try:
            prototype = prototype_create(
                arena=arena,
                creator=request.user,
                title=data["title"],
                hypothesis=data["hypothesis"],
                summary=data["summary"],
                problem_addressed=data["problem_addressed"],
                topics=data["topics"],
                source_threads=data["source_threads"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, _("Your prototype is on the board, at the idea stage. You lead its team.")
            )
            return redirect(prototype)
    return render(request, "prototypes/create.html", {"arena": arena, "form": form, "origin": None})


@sign_in_first
@require_http_methods(["GET", "POST"])
def prototype_edit_view(request, slug, prototype_id):
    prototype = prototype_for(request, slug, prototype_id)
    arena = prototype.arena
    require_person(request, back_to=reverse("prototypes:edit", args=[slug, prototype_id]))
    if not can(request.user, "prototypes.change_prototype", prototype):
        message = refusal(request.user, "prototypes.change_prototype", prototype)
        return forbidden(request, arena, message, back_url=detail_url(prototype))
    if request.method == "GET":
        form = PrototypeForm(initial=PrototypeForm.initial_for(prototype))
    else:
        form = PrototypeForm(request.POST)
        if form.is_valid():
            try:
                prototype_update(prototype=prototype, actor=request.user, **form.cleaned_data)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The prototype is saved."))
                return redirect(prototype)
    return render(request, "prototypes/edit.html", {"arena": arena, "prototype": prototype, "form": form})


@sign_in_first
@require_POST
def prototype_sources_view(request, slug, prototype_id):
    """Link more threads of the same arena."""
    prototype = prototype_for(request, slug, prototype_id)
    require_person(request, back_to=detail_url(prototype))
    threads = source_thread_choices(arena=prototype.arena, exclude_prototype=prototype)
    form = SourcesForm(request.POST, threads=threads, auto_id="sources-%s")
    if form.is_valid():
        try:
            linked = prototype_link_sources(
                prototype=prototype, actor=request.user, thread_ids=form.cleaned_data["threads"]
            )
        except Refused as refused:
            return refused_page(request, prototype, refused)
        except ValidationError as error:
            if "source_threads" in getattr(error, "error_dict", {}):
                form.add_error("threads", error.error_dict["source_threads"])
            else:
                add_service_errors(form, error)
        else:
            count = len(linked)
            messages.success(
                request,
                ngettext("%(count)s thread linked.", "%(count)s threads linked.", count) % {"count": count},
            )
            return redirect(detail_url(prototype, "sources"))
    return render_detail(
        request, prototype_for(request, prototype.arena.slug, prototype.pk), sources_form=form
    )
