"""The session page and registering for it: register (with optional access needs) and cancel one's own
registration, one service each."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from arenas.pages import require_person, sign_in_first
from platform_core.forms import add_service_errors

from ..forms import RegisterForm
from ..models import Registration
from ..services.registrations import registration_cancel, registration_create, waiting_position
from .common import detail_url, session_for, shows_refusals
from .page import render_detail


@require_GET
def session_detail(request, slug, session_id):
    return render_detail(request, session_for(request, slug, session_id))


@sign_in_first
@shows_refusals
@require_POST
def session_register(request, slug, session_id):
    session = session_for(request, slug, session_id)
    require_person(request, back_to=detail_url(session))
    form = RegisterForm(request.POST, auto_id="register-%s")
    if form.is_valid():
        try:
            registration = registration_create(
                session=session, user=request.user, access_needs=form.cleaned_data["access_needs"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            if registration.status == Registration.Status.REGISTERED:
                messages.success(request, _("You are registered. See you there!"))
            else:
                messages.info(
                    request,
                    _(
                        "The session is full: you are number %(position)s on the waiting list. We will tell you if a seat frees up."
                    )
                    % {"position": waiting_position(registration)},
                )
            return redirect(detail_url(session, "registration"))
    return render_detail(request, session, register_form=form)


@sign_in_first
@shows_refusals
@require_POST
def session_unregister(request, slug, session_id):
    session = session_for(request, slug, session_id)
    require_person(request, back_to=detail_url(session))
    try:
        registration_cancel(session=session, user=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Your registration is cancelled."))
    return redirect(detail_url(session, "registration"))
