"""An arena's outcomes (/arenas/<slug>/outcomes/): who the arena needs and has (the stakeholder map), then
what its conveners decided ("you said, we did"). Each half brings its own context."""

from django.shortcuts import render
from django.views.decorators.http import require_GET

from arenas.pages import arena_for, sign_in_first
from arenas.policy import can

from .decisions import decisions_context
from .map import map_context


@require_GET
@sign_in_first
def outcomes_view(request, slug):
    arena = arena_for(request, slug, "outcomes.view_outcomes")
    return render(
        request,
        "outcomes/outcomes.html",
        {
            "arena": arena,
            **map_context(request, arena),
            **decisions_context(request, arena),
            "may_view_dashboard": can(request.user, "outcomes.view_dashboard", arena),
            "may_view_report": can(request.user, "outcomes.view_report", arena),
            "may_export": can(request.user, "outcomes.export", arena),
        },
    )
