"""Test rounds (iterations): planning one, editing it (outcome, learnings, decision), starting and
finishing it. Only one round runs at a time; a round is done only with its learnings written down."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from arenas.pages import require_person, sign_in_first
from platform_core.exceptions import Refused
from platform_core.forms import add_service_errors

from ..forms import IterationEditForm, IterationFinishForm, IterationForm, IterationStatusForm
from ..models import Iteration
from ..selectors.prototype import iteration_by_number
from ..services.iterations import (
    iteration_create,
    iteration_finish,
    iteration_set_status,
    iteration_update,
)
from .common import detail_url, prototype_for, refused_page
from .page import render_detail


@sign_in_first
@require_POST
def iteration_create_view(request, slug, prototype_id):
    prototype = prototype_for(request, slug, prototype_id)
    require_person(request, back_to=detail_url(prototype, "iterations"))
    form = IterationForm(request.POST, auto_id="iteration-new-%s")
    if form.is_valid():
        try:
            iteration = iteration_create(prototype=prototype, actor=request.user, **form.service_fields())
        except Refused as refused:
            return refused_page(request, prototype, refused, "iterations")
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Round %(number)s is planned.") % {"number": iteration.number})
            return redirect(detail_url(prototype, f"iteration-{iteration.number}"))
    return render_detail(request, prototype_for(request, slug, prototype_id), new_iteration_form=form)


@sign_in_first
@require_POST
def iteration_edit_view(request, slug, prototype_id, number):
    prototype = prototype_for(request, slug, prototype_id)
    require_person(request, back_to=detail_url(prototype, f"iteration-{number}"))
    iteration = iteration_by_number(prototype=prototype, number=number)
    form = IterationEditForm(
        request.POST, initial=IterationEditForm.initial_for(iteration), auto_id=f"iteration-{number}-%s"
    )
    if form.is_valid():
        try:
            iteration_update(iteration=iteration, actor=request.user, **form.service_fields())
        except Refused as refused:
            return refused_page(request, prototype, refused, "iterations")
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Round %(number)s is saved.") % {"number": number})
            return redirect(detail_url(prototype, f"iteration-{number}"))
    return render_detail(request, prototype_for(request, slug, prototype_id), iteration_forms={number: form})


@sign_in_first
@require_POST
def iteration_status_view(request, slug, prototype_id, number):
    """Start (running) or finish (done) a round. A refusal (another round is running; no learnings yet)
    is shown next to the round's buttons."""
    prototype = prototype_for(request, slug, prototype_id)
    require_person(request, back_to=detail_url(prototype, f"iteration-{number}"))
    iteration = iteration_by_number(prototype=prototype, number=number)
    form = IterationStatusForm(request.POST)
    errors = []
    if not form.is_valid():
        errors = [_("Choose planned, running or done.")]
    else:
        status = form.cleaned_data["status"]
        try:
            iteration_set_status(iteration=iteration, actor=request.user, status=status)
        except Refused as refused:
            return refused_page(request, prototype, refused, "iterations")
        except ValidationError as error:
            errors = error.messages
        else:
            done = {
                Iteration.Status.RUNNING: _("Round %(number)s is running."),
                Iteration.Status.DONE: _("Round %(number)s is done."),
                Iteration.Status.PLANNED: _("Round %(number)s is back to planned."),
            }[status]
            messages.success(request, done % {"number": number})
            return redirect(detail_url(prototype, f"iteration-{number}"))
    return render_detail(request, prototype_for(request, slug, prototype_id), status_errors={number: errors})


@sign_in_first
@require_POST
def iteration_finish_view(request, slug, prototype_id, number):
    """Finish a round with its learnings and decision, in one form. Without learnings nothing changes and
    the form comes back with everything typed in it."""
    prototype = prototype_for(request, slug, prototype_id)
    require_person(request, back_to=detail_url(prototype, f"iteration-{number}"))
    iteration = iteration_by_number(prototype=prototype, number=number)
    form = IterationFinishForm(request.POST, auto_id=f"finish-{number}-%s")
    if form.is_valid():
        try:
            iteration_finish(iteration=iteration, actor=request.user, **form.cleaned_data)
        except Refused as refused:
            return refused_page(request, prototype, refused, "iterations")
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Round %(number)s is done.") % {"number": number})
            return redirect(detail_url(prototype, f"iteration-{number}"))
    return render_detail(request, prototype_for(request, slug, prototype_id), finish_forms={number: form})
