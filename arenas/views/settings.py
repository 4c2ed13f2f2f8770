"""An arena's settings (/arenas/<slug>/settings/): what it says, its phases, its status, saving it as a
playbook. Each part posts to its own URL; a refused change shows the page again with the errors (200)."""

from contextlib import suppress

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from platform_core.forms import add_service_errors

from ..forms import PHASES_PREFIX, ArenaEditForm, PlaybookForm, phase_formset
from ..models import Arena
from ..pages import arena_for, sign_in_first
from ..rules import can
from ..selectors import arena_get_for_viewer
from ..services.arenas import (
    ALLOWED_STATUS_CHANGES,
    arena_phase_advance,
    arena_phase_set,
    arena_phases_replace,
    arena_status_change,
    arena_update,
    playbook_create_from_arena,
)
from .arena import phase_steps

STATUS_BUTTONS = {
    Arena.Status.OPEN: (_("Open the arena"), "btn-primary"),
    Arena.Status.CLOSED: (_("Close the arena"), "btn-outline-secondary"),
    Arena.Status.ARCHIVED: (_("Archive"), "btn-outline-secondary"),
}


def _arena_for(request, slug, permission):
    return arena_for(request, slug, permission, back_to=reverse("arenas:settings", args=[slug]))


def _status_actions(arena) -> list[dict]:
    actions = []
    for status in sorted(ALLOWED_STATUS_CHANGES.get(arena.status, ()), key=list(Arena.Status.values).index):
        label, css = STATUS_BUTTONS[status]
        if status == Arena.Status.OPEN and arena.status == Arena.Status.CLOSED:
            label = _("Reopen the arena")
        if status == Arena.Status.CLOSED and arena.status == Arena.Status.ARCHIVED:
            label = _("Take it out of the archive (closed)")
        actions.append({"status": status, "label": label, "css": css})
    return actions


def _render(request, arena, *, edit_form=None, phases=None, playbook_form=None, errors=None):
    """The settings page; ``errors`` are messages from a status or phase change that was refused."""
    may_edit = can(request.user, "arenas.change_arena", arena)
    steps, following = phase_steps(arena)
    context = {
        "arena": arena,
        "may_edit": may_edit,
        "steps": steps,
        "next_phase": following,
        "status_actions": _status_actions(arena),
        "action_errors": errors or [],
        "playbook_form": playbook_form or PlaybookForm(initial={"name": arena.title}, auto_id="playbook_%s"),
        "may_view_members": can(request.user, "arenas.view_members", arena),
    }
    if may_edit:
        context["edit_form"] = edit_form or ArenaEditForm(initial=ArenaEditForm.initial_for(arena))
        context["phases"] = phases or phase_formset(arena)
    return render(request, "arenas/settings.html", context)


def _fresh(request, slug):
    """A refused service call may have changed the objects in memory (never the database): reload."""
    return arena_get_for_viewer(slug=slug, viewer=request.user)


def _done(request, arena, message, anchor=""):
    messages.success(request, message)
    return redirect(reverse("arenas:settings", args=[arena.slug]) + anchor)


@sign_in_first
@require_http_methods(["GET", "POST"])
def arena_settings(request, slug):
    """GET shows every part; POST saves the "About the arena" part."""
    permission = "arenas.change_arena" if request.method == "POST" else "arenas.change_status"
    arena = _arena_for(request, slug, permission)
    if request.method == "GET":
        return _render(request, arena)
    form = ArenaEditForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            arena_update(arena=arena, actor=request.user, **form.service_fields())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return _done(request, arena, _("The arena is saved."))
    return _render(request, _fresh(request, slug), edit_form=form)


@sign_in_first
@require_POST
def arena_settings_phases(request, slug):
    """The phases editor. "Add a phase" shows one more empty row and saves nothing."""
    arena = _arena_for(request, slug, "arenas.change_arena")
    if "add_row" in request.POST:
        data = request.POST.copy()
        total = f"{PHASES_PREFIX}-TOTAL_FORMS"
        with suppress(ValueError):
            data[total] = str(int(data.get(total, 0)) + 1)
        return _render(request, arena, phases=phase_formset(arena, data))
    formset = phase_formset(arena, request.POST)
    if formset.is_valid():
        try:
            arena_phases_replace(arena=arena, actor=request.user, phases=formset.phase_list())
        except ValidationError as error:
            formset.non_form_errors().extend(error.messages)
        else:
            return _done(request, arena, _("The phases are saved."), "#phases")
    arena = _fresh(request, slug)
    if formset.is_stale:  # the rows posted cannot be saved as they are: show the list as it is now
        stale_error = formset.non_form_errors()
        formset = phase_formset(arena)
        formset.non_form_errors().extend(stale_error)
    return _render(request, arena, phases=formset)


@sign_in_first
@require_POST
def arena_settings_phase(request, slug):
    """Make a phase current: the next one ("advance") or any one by id. Every member is told."""
    arena = _arena_for(request, slug, "arenas.change_arena")
    try:
        if request.POST.get("phase"):
            phase = next((p for p in arena.phases.all() if str(p.pk) == request.POST["phase"]), None)
            if phase is None:
                raise ValidationError(_("That phase is not one of this arena's phases."))
            arena_phase_set(arena=arena, actor=request.user, phase=phase)
        else:
            phase = arena_phase_advance(arena=arena, actor=request.user)
    except ValidationError as error:
        return _render(request, _fresh(request, slug), errors=error.messages)
    return _done(
        request,
        arena,
        _("The arena is now in the “%(phase)s” phase. Every member has been told.") % {"phase": phase.name},
        "#current-phase",
    )


@sign_in_first
@require_POST
def arena_settings_status(request, slug):
    arena = _arena_for(request, slug, "arenas.change_status")
    status = request.POST.get("status", "")
    try:
        arena_status_change(arena=arena, actor=request.user, status=status)
    except ValidationError as error:
        return _render(request, _fresh(request, slug), errors=error.messages)
    done = {
        Arena.Status.OPEN: _("The arena is open: people can find it and take part."),
        Arena.Status.CLOSED: _("The arena is closed: everything stays readable, nothing can be added."),
        Arena.Status.ARCHIVED: _("The arena is archived: it is read-only and left out of the directory."),
    }
    return _done(request, arena, done.get(arena.status, _("The status is changed.")), "#status")


@sign_in_first
@require_POST
def arena_settings_playbook(request, slug):
    arena = _arena_for(request, slug, "arenas.change_status")
    form = PlaybookForm(request.POST, auto_id="playbook_%s")
    if form.is_valid():
        try:
            playbook = playbook_create_from_arena(
                arena=arena,
                actor=request.user,
                name=form.cleaned_data["name"],
                description=form.cleaned_data["description"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return _done(
                request,
                arena,
                _("Saved as the playbook “%(name)s”. Your organisation can now open arenas from it.")
                % {"name": playbook.name},
                "#playbook",
            )
    return _render(request, _fresh(request, slug), playbook_form=form)
