"""The prototype page (/arenas/<slug>/prototypes/<id>/) as one context: what it shows and the forms the
viewer may use. Each action posts to its own URL; when the service refuses the input, the page is shown
again with that form bound and its errors next to the fields (200)."""

from django.core.paginator import Paginator
from django.shortcuts import render

from arenas.parts import panels_for
from arenas.rules import can

from ..forms import (
    FeedbackForm,
    IndicatorForm,
    IterationEditForm,
    IterationFinishForm,
    IterationForm,
    MeasurementForm,
    MoveForm,
    SourcesForm,
    TeamRequestForm,
)
from ..models import Iteration, TeamMember
from ..panels import prototype_panels
from ..selectors.board import moves_for
from ..selectors.evidence import feedback_for, feedback_of, feedback_summary, indicators_for
from ..selectors.prototype import (
    iterations_for,
    pending_team_requests,
    source_thread_choices,
    sources_for,
    team_members_for,
    timeline,
)
from ..stages import DECISIONS

TEMPLATE = "prototypes/detail.html"
FEEDBACK_PER_PAGE = 20


def _distribution(summary) -> list[dict]:
    """Ratings 5 → 1 with their count and share (for the bar list)."""
    rows = []
    for rating in range(5, 0, -1):
        count = summary.distribution.get(rating, 0)
        rows.append(
            {
                "rating": rating,
                "count": count,
                "percent": round(100 * count / summary.count) if summary.count else 0,
            }
        )
    return rows


def detail_context(request, prototype, **forms) -> dict:
    """``forms`` replaces a form by a bound one with errors: ``move_form``, ``join_form``, ``new_iteration_form``,
    ``iteration_forms`` ({number: form}), ``finish_forms`` ({number: form}), ``status_errors`` ({number: [messages]}), ``feedback_form``,
    ``indicator_form``, ``measurement_forms`` ({indicator id: form}), ``sources_form``."""
    viewer = request.user
    arena = prototype.arena
    may_contribute = can(viewer, "arenas.contribute", arena)
    may_work = can(viewer, "prototypes.change_prototype", prototype)
    team = team_members_for(prototype=prototype)
    lead = next((m for m in team if m.role == TeamMember.Role.LEAD), None)
    may_decide_team = can(viewer, "prototypes.manage_team", prototype)
    requests = list(pending_team_requests(prototype=prototype)) if viewer.is_authenticated else []
    own_request = next((r for r in requests if r.user_id == viewer.pk), None)

    moves = moves_for(prototype=prototype, viewer=viewer)
    move_form = forms.get("move_form") or (MoveForm(moves=moves, auto_id="move-%s") if moves else None)

    iterations = iterations_for(prototype=prototype)
    iteration_forms = forms.get("iteration_forms", {})
    status_errors = forms.get("status_errors", {})
    finish_forms = forms.get("finish_forms", {})
    for iteration in iterations:
        iteration.form = iteration_forms.get(iteration.number) or (
            IterationEditForm(
                initial=IterationEditForm.initial_for(iteration), auto_id=f"iteration-{iteration.number}-%s"
            )
            if may_work
            else None
        )
        iteration.finish_form = finish_forms.get(iteration.number) or (
            IterationFinishForm(
                initial=IterationFinishForm.initial_for(iteration), auto_id=f"finish-{iteration.number}-%s"
            )
            if may_work and iteration.status == Iteration.Status.RUNNING
            else None
        )
        iteration.status_errors = status_errors.get(iteration.number, [])
        iteration.open = iteration.number in iteration_forms

    summary = feedback_summary(prototype=prototype)
    feedback_page = Paginator(feedback_for(prototype=prototype), FEEDBACK_PER_PAGE).get_page(
        request.GET.get("feedback_page")
    )
    feedback_form = forms.get("feedback_form")
    mine = feedback_of(prototype=prototype, viewer=viewer) if may_contribute else None
    if feedback_form is None and may_contribute:
        feedback_form = FeedbackForm(
            initial=FeedbackForm.initial_for(mine), iterations=iterations, auto_id="feedback-%s"
        )

    indicators = indicators_for(prototype=prototype)
    measurement_forms = forms.get("measurement_forms", {})
    for indicator in indicators:
        indicator.form = measurement_forms.get(indicator.pk) or (
            MeasurementForm(auto_id=f"measure-{indicator.pk}-%s") if may_work else None
        )
        indicator.rows = list(indicator.measurements.all())

    sources_form = forms.get("sources_form")
    if sources_form is None and may_work:
        threads = source_thread_choices(arena=arena, exclude_prototype=prototype)
        sources_form = SourcesForm(threads=threads, auto_id="sources-%s") if threads else None

    return {
        "arena": arena,
        "prototype": prototype,
        "may_contribute": may_contribute,
        "may_work": may_work,
        "team": team,
        "lead": lead,
        "may_decide_team": may_decide_team,
        "team_requests": requests if may_decide_team else [],
        "own_request": own_request,
        "join_form": forms.get("join_form") or TeamRequestForm(auto_id="join-%s"),
        "moves": moves,
        "move_form": move_form,
        "decisions": DECISIONS,
        "timeline": timeline(prototype=prototype),
        "iterations": iterations,
        "running": next((i for i in iterations if i.status == "running"), None),
        "new_iteration_form": forms.get("new_iteration_form")
        or (IterationForm(auto_id="iteration-new-%s") if may_work else None),
        "summary": summary,
        "distribution": _distribution(summary),
        "feedback_page": feedback_page,
        "my_feedback": mine,
        "feedback_form": feedback_form,
        "indicators": indicators,
        "indicator_form": forms.get("indicator_form")
        or (IndicatorForm(auto_id="indicator-%s") if may_work else None),
        "sources": list(sources_for(prototype=prototype)),
        "sources_form": sources_form,
        "panels": panels_for(prototype_panels, request=request, obj=prototype),
    }


def render_detail(request, prototype, *, status: int = 200, **forms):
    return render(request, TEMPLATE, detail_context(request, prototype, **forms), status=status)
