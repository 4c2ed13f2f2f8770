"""What the session views share besides ``arenas.pages`` (the arena as the viewer may see it, signing in
first): finding the session, the URLs, and the 403 page that says why — the policy's sentence — with a way
back to where the person was."""

from functools import wraps

from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from platform_core.exceptions import Refused

from ..selectors import session_get_for_viewer


def session_for(request, slug, session_id):
    return session_get_for_viewer(slug=slug, session_id=session_id, viewer=request.user)


def list_url(slug: str) -> str:
    return reverse("sessions:list", args=[slug])


def detail_url(session, section: str = "") -> str:
    url = reverse("sessions:detail", args=[session.arena.slug, session.pk])
    return f"{url}#{section}" if section else url


def forbidden(request, message: str, *, back_url: str, back_label: str):
    """403 with the policy's reason (``Refused.message``) and a way back."""
    return render(
        request,
        "sessions/forbidden.html",
        {"message": message, "back_url": back_url, "back_label": back_label},
        status=403,
    )


def shows_refusals(view):
    """A signed-in person whom the policy refuses gets the 403 page that says why, with the way back to
    the session (or to the arena's sessions). Signed out, ``sign_in_first`` (outside this) sends them to
    sign in instead."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except Refused as refused:
            if not request.user.is_authenticated:
                raise
            slug = kwargs["slug"]
            if "session_id" in kwargs:
                back_url = reverse("sessions:detail", args=[slug, kwargs["session_id"]])
                back_label = _("Back to the session")
            else:
                back_url, back_label = list_url(slug), _("Back to the sessions")
            return forbidden(request, refused.message, back_url=back_url, back_label=back_label)

    return wrapped
