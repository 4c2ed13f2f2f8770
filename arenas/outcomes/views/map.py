"""The stakeholder map's half of the outcomes page, its editing page (conveners) and the one-click join
link preset to a group (those who may invite). Views parse, call one service, and render or redirect."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from arenas.models import JoinLink, StakeholderType
from arenas.pages import arena_for, sign_in_first
from arenas.policy import can
from platform_core.forms import add_service_errors

from ..forms_map import StakeholderMapForm
from ..models import StakeholderGroup
from ..people import stakeholder_map_of
from ..services.map import group_join_link_create, stakeholder_map_set

NEW_LINK = "outcomes.new_join_link"


def outcomes_url(arena) -> str:
    return reverse("outcomes:outcomes", args=[arena.slug])


def _new_link(request, arena) -> dict | None:
    """The join link just made on this page (kept in the session across the redirect), shown once."""
    link_id = request.session.pop(NEW_LINK, None)
    if not link_id:
        return None
    link = JoinLink.objects.filter(pk=link_id, arena=arena).first()
    if link is None:
        return None
    return {
        "link": link,
        "label": dict(StakeholderType.choices).get(link.stakeholder_type, ""),
        "url": request.build_absolute_uri(reverse("arenas:join-link", args=[link.token])),
    }


def map_context(request, arena) -> dict:
    """The map's figures (three queries however many members) and what this viewer may do with them."""
    rows = stakeholder_map_of(arena=arena)
    declared = [row for row in rows if row.group is not None]
    may_invite = can(request.user, "arenas.invite_participants", arena)
    return {
        "map_groups": [
            {
                "figures": row,
                "percent": number_format(round((row.reached or 0) * 100)),
                "progress": min(row.joined, row.target),
            }
            for row in declared
        ],
        "map_others": [row for row in rows if row.group is None],
        "map_member_count": sum(row.joined for row in rows),
        "may_change_map": can(request.user, "outcomes.change_map", arena),
        "may_make_group_links": may_invite,
        "new_join_link": _new_link(request, arena) if may_invite else None,
    }


@sign_in_first
@require_http_methods(["GET", "POST"])
def map_edit_view(request, slug):
    arena = arena_for(request, slug, "outcomes.change_map")
    groups = list(StakeholderGroup.objects.filter(arena=arena))
    if request.method == "GET":
        form = StakeholderMapForm(groups=groups)
    else:
        form = StakeholderMapForm(request.POST, groups=groups)
        if form.is_valid():
            try:
                stakeholder_map_set(arena=arena, actor=request.user, groups=form.groups())
            except ValidationError as error:
                add_service_errors(form, error, field_names=form.field_names())
            else:
                messages.success(request, _("The stakeholder map is saved."))
                return redirect(outcomes_url(arena))
    return render(request, "outcomes/map_form.html", {"arena": arena, "form": form})


@sign_in_first
@require_POST
def group_join_link_view(request, slug):
    arena = arena_for(request, slug, "arenas.invite_participants")
    try:
        link = group_join_link_create(
            arena=arena, actor=request.user, stakeholder_type=request.POST.get("stakeholder_type", "")
        )
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        request.session[NEW_LINK] = link.pk
        messages.success(request, _("The join link is made: share it with the group."))
    return redirect(f"{outcomes_url(arena)}#join-link")
