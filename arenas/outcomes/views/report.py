"""An arena's printable report (/arenas/<slug>/report/): the problem, the people as counts against the
stakeholder map, the decisions, the prototypes with their rounds and indicators, and the sessions. One
page meant for paper as much as for the screen (its print styles are in ``static/css/outcomes.css``)."""

from django.shortcuts import render
from django.views.decorators.http import require_GET

from arenas.pages import arena_for, sign_in_first

from ..people import stakeholder_map_of
from ..report import decisions_for_report, prototypes_for_report, sessions_for_report


@require_GET
@sign_in_first
def report_view(request, slug):
    arena = arena_for(request, slug, "outcomes.view_report")
    rows = stakeholder_map_of(arena=arena)
    return render(
        request,
        "outcomes/report.html",
        {
            "arena": arena,
            "map_groups": [row for row in rows if row.group is not None],
            "map_others": [row for row in rows if row.group is None],
            "member_count": sum(row.joined for row in rows),
            "decisions": decisions_for_report(arena=arena),
            "prototypes": prototypes_for_report(arena=arena),
            "sessions": sessions_for_report(arena=arena),
        },
    )
