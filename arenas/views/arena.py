"""An arena's page (/arenas/<slug>/) and the ways in and out of it: join, ask to join, leave."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from platform_core.exceptions import RateLimited
from platform_core.forms import add_service_errors
from platform_core.ratelimit_pages import rate_limited

from ..access import membership_of
from ..forms import JoinForm, JoinRequestForm
from ..page_cache import cached_for_visitors
from ..pages import arena_for, require_allowed, sign_in_first
from ..parts import arena_links, arena_panels, first_panel, panels_for, people_panels
from ..rules import can
from ..selectors import (
    arena_get_for_viewer,
    conveners_of,
    pending_invitation_for,
    pending_join_request_of,
    stakeholder_mix,
)
from ..services.membership import arena_join, arena_leave, join_request_create
from ..services.telling import arena_is_muted_by, arena_mute, role_of_actor


def phase_steps(arena) -> tuple[list[dict], object]:
    """The phases in order, each marked past, current or upcoming; and the phase after the current one."""
    phases = list(arena.phases.all())
    current = next((i for i, p in enumerate(phases) if p.pk == arena.current_phase_id), None)
    steps = [
        {
            "phase": phase,
            "number": i + 1,
            "state": "current"
            if i == current
            else ("past" if current is not None and i < current else "next"),
        }
        for i, phase in enumerate(phases)
    ]
    following = phases[current + 1] if current is not None and current + 1 < len(phases) else None
    return steps, following


def _detail_context(request, arena, *, join_form=None, request_form=None) -> dict:
    viewer = request.user
    membership = membership_of(viewer, arena)
    may_join = can(viewer, "arenas.join_arena", arena)
    may_ask = can(viewer, "arenas.request_join", arena)
    outside = viewer.is_authenticated and membership is None and arena.is_writable
    # A part may show who takes part its own way (the stakeholder map); otherwise the mix by type.
    people_panel = first_panel(people_panels, request=request, obj=arena)
    mix = [] if people_panel else stakeholder_mix(arena=arena)
    steps, _following = phase_steps(arena)
    return {
        "arena": arena,
        "membership": membership,
        "steps": steps,
        "stakeholder_mix": mix,
        "member_count": sum(row["count"] for row in mix),
        "may_view_members": can(viewer, "arenas.view_members", arena),
        "may_manage": can(viewer, "arenas.change_status", arena),
        "may_leave": can(viewer, "arenas.leave_arena", arena),
        "may_mute": (may_mute := can(viewer, "arenas.mute_arena", arena)),
        "muted": may_mute and arena_is_muted_by(arena=arena, user=viewer),
        "join_form": (join_form or JoinForm(auto_id="join_%s")) if may_join else None,
        "waiting_request": pending_join_request_of(arena=arena, user=viewer) if may_ask else None,
        "request_form": (request_form or JoinRequestForm(auto_id="ask_%s")) if may_ask else None,
        "invitation": pending_invitation_for(arena=arena, user=viewer) if outside else None,
        "links": [
            {"label": link.label, "url": reverse(link.url_name, args=[arena.slug])}
            for link in arena_links
            if not link.permission or can(viewer, link.permission, arena)
        ],
        "panels": panels_for(arena_panels, request=request, obj=arena),
        "people_panel": people_panel,
        "ban": _ban_context(arena, membership),
    }


def _ban_context(arena, membership) -> dict | None:
    """What a banned person is shown: why, by whom (as a role) and whom to ask for a review."""
    if membership is None or not membership.banned:
        return None
    return {
        "reason": membership.ban_reason,
        "by_role": role_of_actor(membership.banned_by, arena) if membership.banned_by_id else "",
        "when": membership.banned_at,
        "conveners": conveners_of(arena=arena, excluding_id=membership.banned_by_id),
    }


@require_GET
@cached_for_visitors
def arena_detail(request, slug):
    arena = arena_get_for_viewer(slug=slug, viewer=request.user)
    return render(request, "arenas/detail.html", _detail_context(request, arena))


@require_POST
def arena_join_view(request, slug):
    """Join a public arena at once, or ask to join a restricted one."""
    arena = arena_get_for_viewer(slug=slug, viewer=request.user)
    if not request.user.is_authenticated:
        return redirect_to_login(arena.get_absolute_url())
    membership = membership_of(request.user, arena)
    if membership is not None and not membership.banned:
        messages.info(request, _("You are already a member of this arena."))
        return redirect(arena)
    if can(request.user, "arenas.join_arena", arena):
        form = JoinForm(request.POST, auto_id="join_%s")
        if form.is_valid():
            try:
                arena_join(
                    arena=arena, user=request.user, stakeholder_type=form.cleaned_data["stakeholder_type"]
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(
                    request, _("Welcome! You are now a participant in “%(arena)s”.") % {"arena": arena}
                )
                return redirect(arena)
        return render(request, "arenas/detail.html", _detail_context(request, arena, join_form=form))
    if can(request.user, "arenas.request_join", arena):
        form = JoinRequestForm(request.POST, auto_id="ask_%s")
        if form.is_valid():
            try:
                join_request_create(
                    arena=arena,
                    user=request.user,
                    note=form.cleaned_data["note"],
                    stakeholder_type=form.cleaned_data["stakeholder_type"],
                )
            except ValidationError as error:
                if hasattr(error, "error_dict"):
                    add_service_errors(form, error)
                else:  # already asked: the page says the request is waiting, and this says why
                    for message in error.messages:
                        messages.info(request, message)
                    return redirect(arena)
            except RateLimited as exc:  # the form stays, with what they wrote
                context = _detail_context(request, arena, request_form=form)
                return rate_limited(request, exc, "arenas/detail.html", context)
            else:
                messages.success(
                    request, _("Your request is sent. The facilitators will answer, and we will tell you.")
                )
                return redirect(arena)
        return render(request, "arenas/detail.html", _detail_context(request, arena, request_form=form))
    require_allowed(request, "arenas.join_arena", arena)  # refused: says why (banned, closed, private…)
    raise Http404


@sign_in_first
@require_POST
def arena_leave_view(request, slug):
    arena = arena_for(request, slug, "arenas.leave_arena", back_to=reverse("arenas:detail", args=[slug]))
    try:
        arena_leave(arena=arena, user=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect(arena)
    messages.success(request, _("You left “%(arena)s”.") % {"arena": arena})
    if can(request.user, "arenas.view_arena", arena):
        return redirect(arena)
    return redirect("arenas:list")  # a private arena is out of sight once you leave it


@sign_in_first
@require_POST
def arena_mute_view(request, slug):
    """Mute or unmute the arena's notifications (``muted`` = 1 or 0)."""
    arena = arena_for(request, slug, "arenas.mute_arena", back_to=reverse("arenas:detail", args=[slug]))
    muted = arena_mute(arena=arena, user=request.user, muted=request.POST.get("muted") == "1")
    if muted:
        messages.success(
            request,
            _("“%(arena)s” is muted: you will get no notifications from it until you unmute it.")
            % {"arena": arena},
        )
    else:
        messages.success(
            request, _("“%(arena)s” is unmuted: you will hear about it again.") % {"arena": arena}
        )
    return redirect(arena)
