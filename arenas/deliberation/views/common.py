"""What the deliberation views share besides ``arenas.pages`` (the arena as the viewer may see it, the
policy's refusals, signing in first): finding the thread and where to go back to after a change."""

import json
from urllib.parse import parse_qs, urlsplit

from django.conf import settings

from ..selectors import thread_get_for_viewer

POLL_SECONDS = 10


def poll_seconds() -> int:
    """How often an open thread page asks for new posts (``DELIBERATION_POLL_SECONDS``; tests make it short)."""
    return getattr(settings, "DELIBERATION_POLL_SECONDS", POLL_SECONDS)


def thread_for(request, slug, thread_id):
    return thread_get_for_viewer(slug=slug, thread_id=thread_id, viewer=request.user)


def viewing_order(request) -> str:
    """The order the viewer reads the thread in: from the form, the query, or the page HTMX came from."""
    value = request.POST.get("order") or request.GET.get("order")
    if not value and request.htmx and request.htmx.current_url:
        value = (parse_qs(urlsplit(request.htmx.current_url).query).get("order") or [""])[0]
    return "newest" if value == "newest" else "oldest"


def post_url(thread, number: int, order: str = "oldest") -> str:
    """The thread page that shows post ``number``, scrolled to it."""
    extra = "&order=newest" if order == "newest" else ""
    return f"{thread.get_absolute_url()}?post={number}{extra}#post-{number}"


def retarget(response, target: str, swap: str = "outerHTML"):
    """Tell HTMX to put this answer somewhere else than the requesting element said (a form with errors
    goes back in place of the form, not of the posts)."""
    response["HX-Retarget"] = target
    response["HX-Reswap"] = swap
    return response


def focus_after_swap(response, element_id: str):
    """Ask thread.js to move focus to what the swap brought (the new post, the edited one, a thank-you),
    so keyboard and screen-reader users land where the change is."""
    response["HX-Trigger-After-Settle"] = json.dumps({"deliberation:focus": {"id": element_id}})
    return response
