"""The evidence on a prototype: feedback (one per person per prototype or round, editable), indicators
and their measurements."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from arenas.pages import require_person, sign_in_first
from platform_core.exceptions import RateLimited, Refused
from platform_core.forms import add_service_errors
from platform_core.ratelimit_pages import rate_limited

from ..forms import FeedbackForm, IndicatorForm, MeasurementForm
from ..selectors.evidence import indicator_by_id
from ..selectors.prototype import iterations_for
from ..services.evidence import feedback_submit, indicator_create, measurement_add
from .common import (
    detail_url,
    prototype_for,
    refused_page,
)
from .page import TEMPLATE, detail_context, render_detail


@sign_in_first
@require_POST
def feedback_view(request, slug, prototype_id):
    prototype = prototype_for(request, slug, prototype_id)
    require_person(request, back_to=detail_url(prototype, "feedback"))
    form = FeedbackForm(request.POST, iterations=iterations_for(prototype=prototype), auto_id="feedback-%s")
    if form.is_valid():
        data = form.cleaned_data
        try:
            feedback_submit(
                prototype=prototype,
                author=request.user,
                rating=data["rating"],
                would_use=data["would_use"],
                comment=data["comment"],
                iteration=data["iteration"],
            )
        except Refused as refused:
            return refused_page(request, prototype, refused, "feedback")
        except ValidationError as error:
            add_service_errors(form, error)
        except RateLimited as exc:  # the form stays, with what they wrote
            context = detail_context(request, prototype, feedback_form=form)
            return rate_limited(request, exc, TEMPLATE, context)
        else:
            messages.success(request, _("Thank you: your feedback is saved. You can change it any time."))
            return redirect(detail_url(prototype, "feedback"))
    return render_detail(request, prototype_for(request, slug, prototype_id), feedback_form=form)


@sign_in_first
@require_POST
def indicator_create_view(request, slug, prototype_id):
    prototype = prototype_for(request, slug, prototype_id)
    require_person(request, back_to=detail_url(prototype, "indicators"))
    form = IndicatorForm(request.POST, auto_id="indicator-%s")
    if form.is_valid():
        try:
            indicator = indicator_create(prototype=prototype, actor=request.user, **form.cleaned_data)
        except Refused as refused:
            return refused_page(request, prototype, refused, "indicators")
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, _("“%(name)s” is added. Add its first measurement.") % {"name": indicator.name}
            )
            return redirect(detail_url(prototype, f"indicator-{indicator.pk}"))
    return render_detail(request, prototype_for(request, slug, prototype_id), indicator_form=form)


@sign_in_first
@require_POST
def measurement_add_view(request, slug, prototype_id, indicator_id):
    prototype = prototype_for(request, slug, prototype_id)
    require_person(request, back_to=detail_url(prototype, "indicators"))
    indicator = indicator_by_id(prototype=prototype, indicator_id=indicator_id)
    form = MeasurementForm(request.POST, auto_id=f"measure-{indicator.pk}-%s")
    if form.is_valid():
        try:
            measurement_add(indicator=indicator, actor=request.user, **form.cleaned_data)
        except Refused as refused:
            return refused_page(request, prototype, refused, "indicators")
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The measurement is added to “%(name)s”.") % {"name": indicator.name})
            return redirect(detail_url(prototype, f"indicator-{indicator.pk}"))
    return render_detail(
        request, prototype_for(request, slug, prototype_id), measurement_forms={indicator.pk: form}
    )
