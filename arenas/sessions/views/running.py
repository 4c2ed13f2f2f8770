"""Running a session (facilitators and up): who came, walk-ins, the minutes and the threads started from
them, cancelling it and marking it held. One service per action; refused input comes back on its form."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from arenas.pages import require_person, sign_in_first
from platform_core.exceptions import RateLimited
from platform_core.forms import add_service_errors
from platform_core.ratelimit_pages import rate_limited

from ..forms import (
    AttendanceForm,
    MinutesForm,
    OfflineFeedbackForm,
    PrototypeFromMinutesForm,
    ThreadFromMinutesForm,
    WalkInForm,
)
from ..services.attendance import attendance_set, walk_in_add
from ..services.minutes import minutes_save, prototype_from_minutes, thread_from_minutes
from ..services.offline_feedback import offline_feedback_enter
from ..services.sessions import session_cancel, session_mark_held
from .common import detail_url, session_for, shows_refusals
from .page import TEMPLATE, detail_context, render_detail


def _session(request, slug, session_id):
    session = session_for(request, slug, session_id)
    require_person(request, back_to=detail_url(session))
    return session


@sign_in_first
@shows_refusals
@require_POST
def attendance_view(request, slug, session_id):
    session = _session(request, slug, session_id)
    form = AttendanceForm(request.POST, auto_id="attendance-%s")
    if form.is_valid():
        try:
            count = attendance_set(
                session=session,
                actor=request.user,
                user_ids=[int(pk) for pk in form.cleaned_data["present"]],
            )
        except ValidationError as error:
            add_service_errors(form, error, field_names={"user_ids": "present"})
        else:
            messages.success(
                request,
                ngettext(
                    "Attendance saved: %(count)s person came.",
                    "Attendance saved: %(count)s people came.",
                    count,
                )
                % {"count": count},
            )
            return redirect(detail_url(session, "attendance"))
    return render_detail(request, session, attendance_form=form)


@sign_in_first
@shows_refusals
@require_POST
def walk_in_view(request, slug, session_id):
    session = _session(request, slug, session_id)
    form = WalkInForm(request.POST, auto_id="walk-in-%s")
    if form.is_valid():
        try:
            walk_in_add(session=session, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, _("%(name)s is on the attendance list.") % {"name": form.cleaned_data["name"]}
            )
            return redirect(detail_url(session, "attendance"))
    return render_detail(request, session, walk_in_form=form)


@sign_in_first
@shows_refusals
@require_POST
def minutes_view(request, slug, session_id):
    session = _session(request, slug, session_id)
    form = MinutesForm(request.POST, auto_id="minutes-%s")
    if form.is_valid():
        try:
            minutes_save(session=session, actor=request.user, body=form.cleaned_data["minutes"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The minutes are saved."))
            return redirect(detail_url(session, "minutes"))
    return render_detail(request, session, minutes_form=form)


@sign_in_first
@shows_refusals
@require_POST
def thread_from_minutes_view(request, slug, session_id):
    session = _session(request, slug, session_id)
    form = ThreadFromMinutesForm(request.POST, auto_id="thread-%s")
    if form.is_valid():
        try:
            thread = thread_from_minutes(session=session, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        except RateLimited as exc:
            return rate_limited(request, exc, TEMPLATE, detail_context(request, session, thread_form=form))
        else:
            messages.success(request, _("The thread is started; it shows it came from this session."))
            return redirect(thread)
    return render_detail(request, session, thread_form=form)


@sign_in_first
@shows_refusals
@require_POST
def prototype_from_minutes_view(request, slug, session_id):
    session = _session(request, slug, session_id)
    form = PrototypeFromMinutesForm(request.POST, auto_id="prototype-%s")
    if form.is_valid():
        try:
            prototype = prototype_from_minutes(session=session, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The prototype is started; it shows it came from this session."))
            return redirect(prototype)
    return render_detail(request, session, prototype_form=form)


@sign_in_first
@shows_refusals
@require_POST
def offline_feedback_view(request, slug, session_id):
    session = _session(request, slug, session_id)
    form = OfflineFeedbackForm(request.POST, auto_id="offline-%s")
    if form.is_valid():
        try:
            offline_feedback_enter(session=session, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The feedback is entered; it counts in the round's summary."))
            return redirect(f"{detail_url(session)}#offline-feedback")
    return render_detail(request, session, offline_form=form)


@sign_in_first
@shows_refusals
@require_POST
def session_cancel_view(request, slug, session_id):
    session = _session(request, slug, session_id)
    try:
        session_cancel(session=session, actor=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("The session is cancelled. Everyone registered is told."))
    return redirect(detail_url(session))


@sign_in_first
@shows_refusals
@require_POST
def session_held_view(request, slug, session_id):
    session = _session(request, slug, session_id)
    try:
        session_mark_held(session=session, actor=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("The session is marked as held."))
    return redirect(detail_url(session))
