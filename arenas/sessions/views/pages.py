from django.shortcuts import render
from django.views.decorators.http import require_GET

from arenas.policy import can

from ..selectors import session_get_for_viewer, session_page
from ..services.minutes import minutes_of


@require_GET
def session_detail(request, slug, session_id):
    session = session_get_for_viewer(slug=slug, session_id=session_id, viewer=request.user)
    facilitates = can(request.user, "sessions.see_access_needs", session)
    return render(
        request,
        "sessions/detail.html",
        {
            "arena": session.arena,
            "session": session,
            "minutes": minutes_of(session),
            "may_see_link": can(request.user, "sessions.see_online_link", session),
            "facilitates": facilitates,
            **session_page(session=session, viewer=request.user, with_registrations=facilitates),
        },
    )
