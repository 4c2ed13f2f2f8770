"""The team: asking to join, the lead (or a facilitator) accepting or declining, leaving, removing a
member and handing over the lead."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from arenas.pages import require_person, sign_in_first
from platform_core.exceptions import Refused
from platform_core.forms import add_service_errors

from ..forms import TeamRequestForm
from ..models import TeamMember
from ..selectors.prototype import team_member_of, team_request_of
from ..services.team import team_lead_set, team_member_remove, team_request_create, team_request_decide
from .common import (
    detail_url,
    prototype_for,
    refused_page,
)
from .page import render_detail


def _service_error(request, error: ValidationError):
    for message in error.messages:
        messages.error(request, message)


@sign_in_first
@require_POST
def team_request_view(request, slug, prototype_id):
    prototype = prototype_for(request, slug, prototype_id)
    require_person(request, back_to=detail_url(prototype, "team"))
    form = TeamRequestForm(request.POST, auto_id="join-%s")
    if form.is_valid():
        try:
            team_request_create(prototype=prototype, user=request.user, note=form.cleaned_data["note"])
        except Refused as refused:
            return refused_page(request, prototype, refused, "team")
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


@sign_in_first
@require_POST
def team_request_decide_view(request, slug, prototype_id, request_id):
    prototype = prototype_for(request, slug, prototype_id)
    require_person(request, back_to=detail_url(prototype, "team"))
    join_request = team_request_of(prototype=prototype, request_id=request_id)
    accept = request.POST.get("decision") == "accept"
    try:
        team_request_decide(request=join_request, actor=request.user, accept=accept)
    except Refused as refused:
        return refused_page(request, prototype, refused, "team")
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
    return team_member_of(prototype=prototype, member_id=member_id)


@sign_in_first
@require_POST
def team_member_remove_view(request, slug, prototype_id, member_id):
    """Leave the team (yourself) or take someone off it (the lead, facilitators)."""
    prototype = prototype_for(request, slug, prototype_id)
    require_person(request, back_to=detail_url(prototype, "team"))
    member = _member(prototype, member_id)
    try:
        team_member_remove(prototype=prototype, member=member, actor=request.user)
    except Refused as refused:
        return refused_page(request, prototype, refused, "team")
    except ValidationError as error:
        _service_error(request, error)
    else:
        if member.user_id == request.user.pk:
            messages.success(request, _("You left the team."))
        else:
            messages.success(request, _("%(name)s is no longer in the team.") % {"name": member.user.name})
    return redirect(detail_url(prototype, "team"))


@sign_in_first
@require_POST
def team_lead_view(request, slug, prototype_id, member_id):
    prototype = prototype_for(request, slug, prototype_id)
    require_person(request, back_to=detail_url(prototype, "team"))
    member = _member(prototype, member_id)
    try:
        team_lead_set(prototype=prototype, member=member, actor=request.user)
    except Refused as refused:
        return refused_page(request, prototype, refused, "team")
    except ValidationError as error:
        _service_error(request, error)
    else:
        messages.success(request, _("%(name)s now leads the team.") % {"name": member.user.name})
    return redirect(detail_url(prototype, "team"))
