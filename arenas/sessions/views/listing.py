"""An arena's sessions (/arenas/<slug>/sessions/): the upcoming ones, then the past ones."""

from django.shortcuts import render
from django.views.decorators.http import require_GET

from arenas.pages import arena_for
from arenas.policy import can

from ..selectors import sessions_of
from .page import with_seats


@require_GET
def sessions_list(request, slug):
    arena = arena_for(request, slug)
    viewer = request.user
    return render(
        request,
        "sessions/list.html",
        {
            "arena": arena,
            "upcoming": with_seats(sessions_of(arena=arena, viewer=viewer, upcoming=True)),
            "past": with_seats(sessions_of(arena=arena, viewer=viewer, upcoming=False)),
            "may_add": can(viewer, "sessions.add_session", arena),
        },
    )
