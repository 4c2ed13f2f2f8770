"""Announcing a session and changing it (facilitators and up). The form keeps everything typed when the
service refuses it, with the service's errors next to the fields."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from arenas.pages import arena_for, require_allowed, sign_in_first
from platform_core.forms import add_service_errors

from ..forms import SessionForm
from ..selectors import round_choices
from ..services.sessions import session_create, session_update
from .common import session_for, shows_refusals


@sign_in_first
@shows_refusals
@require_http_methods(["GET", "POST"])
def session_create_view(request, slug):
    arena = arena_for(request, slug)
    require_allowed(request, "sessions.add_session", arena, back_to=reverse("sessions:create", args=[slug]))
    rounds = round_choices(arena=arena)
    if request.method == "GET":
        form = SessionForm(rounds=rounds)
    else:
        form = SessionForm(request.POST, rounds=rounds)
        if form.is_valid():
            try:
                session = session_create(arena=arena, actor=request.user, **form.service_fields())
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The session is announced; the arena's members are told."))
                return redirect(session)
    return render(request, "sessions/form.html", {"arena": arena, "form": form, "session": None})


@sign_in_first
@shows_refusals
@require_http_methods(["GET", "POST"])
def session_edit_view(request, slug, session_id):
    session = session_for(request, slug, session_id)
    arena = session.arena
    require_allowed(request, "sessions.change_session", session)
    rounds = round_choices(arena=arena)
    if request.method == "GET":
        form = SessionForm(initial=SessionForm.initial_for(session), rounds=rounds)
    else:
        form = SessionForm(request.POST, rounds=rounds)
        if form.is_valid():
            try:
                session = session_update(session=session, actor=request.user, **form.service_fields())
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The session is saved."))
                return redirect(session)
    return render(request, "sessions/form.html", {"arena": arena, "form": form, "session": session})
