"""What every page of the arenas and their parts shares: the arena as the viewer may see it (404 when
hidden, the same as missing), the policy's refusal (403, saying why), and signing in first for visitors who
are not signed in (then back to where they were)."""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme

from platform_core.exceptions import Refused

from .policy import can, refusal
from .selectors import arena_get_for_viewer


class SignInFirst(Exception):
    """A signed-out visitor tried what needs a person: ``sign_in_first`` sends them to sign in, and back to
    ``next_url`` afterwards."""

    def __init__(self, next_url: str):
        super().__init__(next_url)
        self.next_url = next_url


def _back(request, back_to: str | None) -> str:
    """Where to come back to after signing in: this page (GET), or ``back_to``, or the page the form was
    on (POST)."""
    if request.method == "GET":
        return request.get_full_path()
    if back_to:
        return back_to
    referer = request.headers.get("referer", "")
    if referer and url_has_allowed_host_and_scheme(referer, {request.get_host()}):
        return referer
    return reverse("home")


def sign_in_first(view):
    """For page views: a signed-out visitor whom the policy refuses signs in first instead of a 403."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except SignInFirst as exc:
            return redirect_to_login(exc.next_url)
        except Refused:
            if request.user.is_authenticated:
                raise
            return redirect_to_login(_back(request, None))

    return wrapped


def require_person(request, *, back_to: str | None = None) -> None:
    """A signed-out visitor signs in first (``SignInFirst``), and comes back here (or to ``back_to``)."""
    if not request.user.is_authenticated:
        raise SignInFirst(_back(request, back_to))


def require_allowed(request, permission: str, obj, *, back_to: str | None = None) -> None:
    """Nothing if the policy allows it; a signed-out visitor signs in first (``SignInFirst``); anyone else
    gets the 403 that says why (``Refused``)."""
    if can(request.user, permission, obj):
        return
    require_person(request, back_to=back_to)
    raise Refused(permission, refusal(request.user, permission, obj))


def arena_for(request, slug: str, permission: str | None = None, *, back_to: str | None = None):
    """The arena of the URL for this viewer (404 if missing or hidden); with ``permission``, refused as
    ``require_allowed`` refuses."""
    arena = arena_get_for_viewer(slug=slug, viewer=request.user)
    if permission:
        require_allowed(request, permission, arena, back_to=back_to)
    return arena
