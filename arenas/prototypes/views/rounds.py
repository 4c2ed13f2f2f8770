"""Test rounds (iterations): planning one, editing it (outcome, learnings, decision), starting and
finishing it. Only one round runs at a time; a round is done only with its learnings written down."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from arenas.forms import add_service_errors

from ..forms import IterationEditForm, IterationForm, IterationStatusForm
from ..models import Iteration
from ..services.work import iteration_create, iteration_set_status, iteration_update
from .common import detail_url, forbidden, need_person, prototype_for, prototype_view, work_refused_message
from .page import render_detail


def _refused(request, prototype):
    return forbidden(
        request,
        prototype.arena,
        work_refused_message(prototype.arena),
        back_url=detail_url(prototype, "rounds"),
    )


def _round(prototype, number) -> Iteration:
    return get_object_or_404(Iteration, prototype=prototype, number=number)


@prototype_view
@require_POST
def iteration_create_view(request, slug, prototype_id):
    prototype = prototype_for(request, slug, prototype_id)
    need_person(request, detail_url(prototype, "rounds"))
    form = IterationForm(request.POST, auto_id="round-new-%s")
    if form.is_valid():
        try:
            iteration = iteration_create(prototype=prototype, actor=request.user, **form.service_fields())
        except PermissionDenied:
            return _refused(request, prototype)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Round %(number)s is planned.") % {"number": iteration.number})
            return redirect(detail_url(prototype, f"round-{iteration.number}"))
    return render_detail(request, prototype_for(request, slug, prototype_id), new_round_form=form)


@prototype_view
@require_POST
def iteration_edit_view(request, slug, prototype_id, number):
    prototype = prototype_for(request, slug, prototype_id)
    need_person(request, detail_url(prototype, f"round-{number}"))
    iteration = _round(prototype, number)
    form = IterationEditForm(request.POST, auto_id=f"round-{number}-%s")
    if form.is_valid():
        try:
            iteration_update(iteration=iteration, actor=request.user, **form.service_fields())
        except PermissionDenied:
            return _refused(request, prototype)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Round %(number)s is saved.") % {"number": number})
            return redirect(detail_url(prototype, f"round-{number}"))
    return render_detail(request, prototype_for(request, slug, prototype_id), round_forms={number: form})


@prototype_view
@require_POST
def iteration_status_view(request, slug, prototype_id, number):
    """Start (running) or finish (done) a round. A refusal (another round is running; no learnings yet)
    is shown next to the round's buttons."""
    prototype = prototype_for(request, slug, prototype_id)
    need_person(request, detail_url(prototype, f"round-{number}"))
    iteration = _round(prototype, number)
    form = IterationStatusForm(request.POST)
    errors = []
    if not form.is_valid():
        errors = [_("Choose planned, running or done.")]
    else:
        status = form.cleaned_data["status"]
        try:
            iteration_set_status(iteration=iteration, actor=request.user, status=status)
        except PermissionDenied:
            return _refused(request, prototype)
        except ValidationError as error:
            errors = error.messages
        else:
            done = {
                Iteration.Status.RUNNING: _("Round %(number)s is running."),
                Iteration.Status.DONE: _("Round %(number)s is done."),
                Iteration.Status.PLANNED: _("Round %(number)s is back to planned."),
            }[status]
            messages.success(request, done % {"number": number})
            return redirect(detail_url(prototype, f"round-{number}"))
    return render_detail(request, prototype_for(request, slug, prototype_id), status_errors={number: errors})
