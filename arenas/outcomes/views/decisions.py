"""Decisions on the pages: the outcomes page's list of every decision in the arena (its half of
``/arenas/<slug>/outcomes/``), and publishing one from a thread's or prototype's page. Publishing posts to
``/arenas/<slug>/outcomes/decide/<thread|prototype>/<id>/``; with errors, that address shows the form again
with what was typed."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from arenas.deliberation.selectors import thread_get_for_viewer
from arenas.pages import require_allowed, sign_in_first
from arenas.prototypes.selectors.prototype import prototype_get_for_viewer
from platform_core.forms import add_service_errors

from ..forms_decisions import DecisionForm
from ..models import Decision
from ..selectors.decisions import decisions_of, subject_kind_label, subject_url
from ..services.decisions import decision_create

PER_PAGE = 50


def decisions_context(request, arena) -> dict:
    """The outcomes page's decisions: newest first, filtered by ``?outcome=``, 50 a page (a count and a
    page of rows, however many there are)."""
    outcome = request.GET.get("outcome", "")
    if outcome not in Decision.Outcome.values:
        outcome = ""
    decisions = decisions_of(arena=arena, viewer=request.user, outcome=outcome or None)
    page = Paginator(decisions, PER_PAGE).get_page(request.GET.get("page"))
    for decision in page:
        decision.subject_url = subject_url(decision, slug=arena.slug)
        decision.kind_label = subject_kind_label(decision)
    return {
        "decisions_page": page,
        "decision_outcome": outcome,
        "decision_outcomes": Decision.Outcome.choices,
        "decisions_query": f"outcome={outcome}&" if outcome else "",
    }


def decide_url(subject, kind: str) -> str:
    return reverse("outcomes:decide", args=[subject.arena.slug, kind, subject.pk])


def _subject_for(request, slug, kind, subject_id):
    """The thread or prototype for this viewer: 404 if missing, of another arena, or in a hidden arena."""
    if kind == "thread":
        return thread_get_for_viewer(slug=slug, thread_id=subject_id, viewer=request.user)
    return prototype_get_for_viewer(slug=slug, prototype_id=subject_id, viewer=request.user)


@sign_in_first
@require_http_methods(["GET", "POST"])
def decide_view(request, slug, kind, subject_id):
    """Publish a decision on a thread (or idea) or a prototype: conveners only (403 saying why)."""
    subject = _subject_for(request, slug, kind, int(subject_id))
    arena = subject.arena
    require_allowed(request, "outcomes.decide", arena, back_to=subject.get_absolute_url())
    form = DecisionForm(request.POST or None, auto_id="decision-%s")
    if request.method == "POST" and form.is_valid():
        try:
            decision_create(arena=arena, actor=request.user, subject=subject, **form.service_fields())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The decision is published; everyone who took part is told."))
            return redirect(f"{subject.get_absolute_url()}#decisions")
    return render(
        request,
        "outcomes/decide.html",
        {
            "arena": arena,
            "subject": subject,
            "subject_kind": kind,
            "decision_form": form,
            "decide_url": decide_url(subject, kind),
        },
    )
