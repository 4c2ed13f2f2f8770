"""The board (/arenas/<slug>/prototypes/): one column per stage. Moving a card is a small POST form per
card; with HTMX the board is swapped in place and focus follows the card, without it the page reloads."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from arenas.pages import arena_for, require_person, sign_in_first
from arenas.rules import can
from platform_core.exceptions import Refused
from platform_core.forms import add_service_errors

from ..forms import MoveForm
from ..selectors.board import moves_for, prototype_board_for_viewer
from ..services.prototypes import prototype_transition
from ..stages import Stage
from .common import (
    board_url,
    forbidden,
    prototype_for,
)
from .page import render_detail

BOARD = "prototypes/board.html"


def move_form(prototype, moves, data=None) -> MoveForm:
    return MoveForm(data, moves=moves, auto_id=f"move-{prototype.pk}-%s")


def _board_context(request, arena, *, failed=None, status_message: str = "") -> dict:
    """``failed`` is the bound form of a card whose move was refused: it is shown with its errors."""
    board = prototype_board_for_viewer(arena=arena, viewer=request.user)
    for column in board.columns:
        for prototype in column["prototypes"]:
            if failed is not None and failed.prototype_id == prototype.pk:
                prototype.move_form = failed
            elif prototype.moves:
                prototype.move_form = move_form(prototype, prototype.moves)
    return {
        "arena": arena,
        "board": board,
        "may_contribute": can(request.user, "arenas.contribute", arena),
        "status_message": status_message,
    }


@require_GET
def prototype_board_view(request, slug):
    arena = arena_for(request, slug)
    return render(request, BOARD, _board_context(request, arena))


def _board_fragment(request, arena, *, status: int = 200, failed=None, status_message="", focus=""):
    """For HTMX: the board (naming the element that gets focus once it is in place: the moved card, or
    the form that was refused) and the status line, out of band."""
    context = _board_context(request, arena, failed=failed, status_message=status_message)
    context["focus"] = focus
    html = render_to_string(f"{BOARD}#board", context, request) + render_to_string(
        "prototypes/_board_status_oob.html", context, request
    )
    return HttpResponse(html, status=status)


@sign_in_first
@require_POST
def prototype_move_view(request, slug, prototype_id):
    """Move a card (from the board or the prototype page: ``from=detail``). A move the table does not allow
    or a decision without a reason comes back as form errors (200); one the person may not make is a 403
    page that says who may."""
    prototype = prototype_for(request, slug, prototype_id)
    arena = prototype.arena
    on_detail = request.POST.get("from") == "detail"
    back = prototype.get_absolute_url() if on_detail else board_url(arena)
    require_person(request, back_to=back)
    form = move_form(prototype, moves_for(prototype=prototype, viewer=request.user), request.POST)
    form.prototype_id = prototype.pk
    if form.is_valid():
        to_stage = form.cleaned_data["to"]
        try:
            prototype_transition(
                prototype=prototype, actor=request.user, to_stage=to_stage, reason=form.cleaned_data["reason"]
            )
        except Refused as refused:
            message = refused.message
            if request.htmx and not on_detail:
                form.add_error(None, message)
                return _board_fragment(request, arena, status=403, failed=form, focus=f"move-{prototype.pk}")
            return forbidden(request, arena, message, back_url=back)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            done = _("“%(title)s” moved to %(stage)s.") % {
                "title": prototype.title,
                "stage": Stage(to_stage).label,
            }
            if request.htmx and not on_detail:
                return _board_fragment(request, arena, status_message=done, focus=f"prototype-{prototype.pk}")
            messages.success(request, done)
            return redirect(f"{back}#prototype-{prototype.pk}" if not on_detail else f"{back}#stage")
    # The form is shown again with its errors, where the person used it.
    fresh = prototype_for(request, slug, prototype_id)
    if on_detail:
        return render_detail(request, fresh, move_form=form)
    if request.htmx:
        return _board_fragment(request, fresh.arena, failed=form, focus=f"move-{prototype.pk}")
    return render(request, BOARD, _board_context(request, fresh.arena, failed=form))
