"""An arena's dashboard (/arenas/<slug>/dashboard/): the public summary for anyone on a public arena, the
whole of it for facilitators and up (``arenas.outcomes.dashboard`` says which figures are which). Private
arenas are a 404 to those who may not see them; a restricted one's dashboard is refused with the policy's
sentence (visitors who are not signed in sign in first)."""

from django.shortcuts import render
from django.views.decorators.http import require_GET

from arenas.pages import arena_for, sign_in_first
from arenas.policy import can

from ..dashboard import dashboard_for
from . import dashboard_charts as charts


@require_GET
@sign_in_first
def dashboard_view(request, slug):
    arena = arena_for(request, slug, "outcomes.view_dashboard")
    details = can(request.user, "outcomes.view_dashboard_details", arena)
    dashboard = dashboard_for(arena=arena, details=details)
    people = [charts.members_chart(dashboard), charts.mix_chart(dashboard)]
    prototypes = [charts.funnel_chart(dashboard)]
    sessions = []
    if dashboard.sessions is not None:
        sessions.append(charts.sessions_chart(dashboard))
    if details:
        people.append(charts.voice_chart(dashboard))
        prototypes += [charts.feedback_chart(dashboard), charts.ratings_chart(dashboard)]
        if dashboard.sessions is not None:
            sessions.append(charts.attendance_chart(dashboard))
    return render(
        request,
        "outcomes/dashboard.html",
        {
            "arena": arena,
            "dashboard": dashboard,
            "details": details,
            "people_charts": people,
            "posts_chart": charts.posts_chart(dashboard),
            "session_charts": sessions,
            "prototype_charts": prototypes,
            "indicators_chart": charts.indicators_chart(dashboard) if details else None,
            "decisions_chart": charts.decisions_chart(dashboard),
        },
    )
