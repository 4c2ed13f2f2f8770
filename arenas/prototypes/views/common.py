"""What the prototype views share besides ``arenas.pages`` (the arena as the viewer may see it, the policy's
refusals, signing in first): finding the prototype, and the 403 page that says why — the policy's sentence
— with a way back to where the person was."""

from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from platform_core.exceptions import Refused

from ..selectors.prototype import prototype_get_for_viewer


def prototype_for(request, slug, prototype_id):
    return prototype_get_for_viewer(slug=slug, prototype_id=prototype_id, viewer=request.user)


def board_url(arena) -> str:
    return reverse("prototypes:board", args=[arena.slug])


def detail_url(prototype, section: str = "") -> str:
    url = reverse("prototypes:detail", args=[prototype.arena.slug, prototype.pk])
    return f"{url}#{section}" if section else url


def refused_page(request, prototype, refused: Refused, section: str = ""):
    """The 403 page with the policy's reason, and the way back to the prototype page (at ``section``)."""
    return forbidden(request, prototype.arena, refused.message, back_url=detail_url(prototype, section))


def forbidden(request, arena, message: str, *, back_url: str = "", back_label: str = ""):
    """403 with the policy's reason (``Refused.message``) and a way back."""
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
