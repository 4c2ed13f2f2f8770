"""What the prototype views share: finding the arena or prototype as the viewer may see it (404 when
hidden), asking signed-out visitors to sign in, and the 403 page that says why."""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from arenas.selectors import arena_get_for_viewer

from ..selectors import prime_team_cache, prototype_get_for_viewer
from ..stages import needs_convener


class SignInFirst(Exception):
    def __init__(self, next_url: str):
        super().__init__(next_url)
        self.next_url = next_url


def prototype_view(view):
    """Turns ``SignInFirst`` into the sign-in page, coming back to where the person was."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except SignInFirst as exc:
            return redirect_to_login(exc.next_url)

    return wrapped


def arena_for(request, slug):
    return arena_get_for_viewer(slug=slug, viewer=request.user)


def prototype_for(request, slug, prototype_id):
    prototype = prototype_get_for_viewer(slug=slug, prototype_id=prototype_id, viewer=request.user)
    prime_team_cache(prototype)
    return prototype


def need_person(request, back_to: str) -> None:
    """Signed-out visitors sign in first (and come back to ``back_to``)."""
    if not request.user.is_authenticated:
        raise SignInFirst(request.get_full_path() if request.method == "GET" else back_to)


def board_url(arena) -> str:
    return reverse("prototypes:board", args=[arena.slug])


def detail_url(prototype, section: str = "") -> str:
    url = reverse("prototypes:detail", args=[prototype.arena.slug, prototype.pk])
    return f"{url}#{section}" if section else url


def forbidden(request, arena, message: str, *, back_url: str = "", back_label: str = ""):
    return render(
        request,
        "prototypes/forbidden.html",
        {
            "arena": arena,
            "message": message,
            "back_url": back_url or board_url(arena),
            "back_label": back_label or _("Back to the prototypes"),
        },
        status=403,
    )


def closed_message(arena) -> str:
    return _("This arena is %(status)s: its prototypes can be read, but nothing in them can change.") % {
        "status": arena.get_status_display().lower()
    }


def move_refused_message(arena, to_stage: str) -> str:
    if not arena.is_writable:
        return closed_message(arena)
    if needs_convener(to_stage):
        return _("Only conveners decide adopted, scaled and abandoned.")
    return _("Only the prototype's team, facilitators and conveners move it between stages.")


def work_refused_message(arena) -> str:
    if not arena.is_writable:
        return closed_message(arena)
    return _(
        "Only the prototype's team, facilitators and conveners can change it. Ask to join the team first."
    )


def contribute_refused_message(arena) -> str:
    if not arena.is_writable:
        return closed_message(arena)
    return _("Only participants of this arena can do this. Join the arena (or ask to) from its page first.")
