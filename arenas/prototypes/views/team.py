"""The team: asking to join, the lead (or a facilitator) accepting or declining, leaving, removing a
member and handing over the lead."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from arenas.forms import add_service_errors

from ..forms import TeamRequestForm
from ..models import TeamJoinRequest, TeamMember
from ..services.work import team_lead_set, team_member_remove, team_request_create, team_request_decide
from .common import (
    contribute_refused_message,
    detail_url,
    forbidden,
    need_person,
    prototype_for,
    prototype_view,
)
from .page import render_detail

TEAM_REFUSED = gettext_lazy("Only the team's lead, facilitators and conveners change the team.")


def _refused(request, prototype, message):
    arena = prototype.arena
    if not arena.is_writable:
        message = contribute_refused_message(arena)
    return forbidden(request, arena, str(message), back_url=detail_url(prototype, "team"))


def _service_error(request, error: ValidationError):
    for message in error.messages:
        messages.error(request, message)


@prototype_view
@require_POST
def team_request_view(request, slug, prototype_id):
    prototype = prototype_for(request, slug, prototype_id)
    need_person(request, detail_url(prototype, "team"))
    form = TeamRequestForm(request.POST, auto_id="join-%s")
    if form.is_valid():
        try:
            team_request_create(prototype=prototype, user=request.user, note=form.cleaned_data["note"])
        except PermissionDenied:
            return _refused(request, prototype, contribute_refused_message(prototype.arena))
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                add_service_errors(form, error)
            else:  # already in the team, or already asked: the page says so, and this says why
                _service_error(request, error)
                return redirect(detail_url(prototype, "team"))
        else:
            messages.success(
                request, _("You asked to join the team. The lead will answer, and we will tell you.")
            )
            return redirect(detail_url(prototype, "team"))
    return render_detail(request, prototype_for(request, slug, prototype_id), join_form=form)


@prototype_view
@require_POST
def team_request_decide_view(request, slug, prototype_id, request_id):
    prototype = prototype_for(request, slug, prototype_id)
    need_person(request, detail_url(prototype, "team"))
    join_request = get_object_or_404(
        TeamJoinRequest.objects.select_related("user"), pk=request_id, prototype=prototype
    )
    accept = request.POST.get("decision") == "accept"
    try:
        team_request_decide(request=join_request, actor=request.user, accept=accept)
    except PermissionDenied:
        return _refused(request, prototype, TEAM_REFUSED)
    except ValidationError as error:
        _service_error(request, error)
    else:
        name = join_request.user.name
        messages.success(
            request,
            _("%(name)s is now in the team.") % {"name": name}
            if accept
            else _("You declined %(name)s's request.") % {"name": name},
        )
    return redirect(detail_url(prototype, "team"))


def _member(prototype, member_id) -> TeamMember:
    return get_object_or_404(TeamMember.objects.select_related("user"), pk=member_id, prototype=prototype)


@prototype_view
@require_POST
def team_member_remove_view(request, slug, prototype_id, member_id):
    """Leave the team (yourself) or take someone off it (the lead, facilitators)."""
    prototype = prototype_for(request, slug, prototype_id)
    need_person(request, detail_url(prototype, "team"))
    member = _member(prototype, member_id)
    try:
        team_member_remove(prototype=prototype, member=member, actor=request.user)
    except PermissionDenied:
        return _refused(request, prototype, TEAM_REFUSED)
    except ValidationError as error:
        _service_error(request, error)
    else:
        if member.user_id == request.user.pk:
            messages.success(request, _("You left the team."))
        else:
            messages.success(request, _("%(name)s is no longer in the team.") % {"name": member.user.name})
    return redirect(detail_url(prototype, "team"))


@prototype_view
@require_POST
def team_lead_view(request, slug, prototype_id, member_id):
    prototype = prototype_for(request, slug, prototype_id)
    need_person(request, detail_url(prototype, "team"))
    member = _member(prototype, member_id)
    try:
        team_lead_set(prototype=prototype, member=member, actor=request.user)
    except PermissionDenied:
        return _refused(request, prototype, TEAM_REFUSED)
    except ValidationError as error:
        _service_error(request, error)
    else:
        messages.success(request, _("%(name)s now leads the team.") % {"name": member.user.name})
    return redirect(detail_url(prototype, "team"))
