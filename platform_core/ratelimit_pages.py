"""How pages answer a rate limit (``RateLimited`` from a service): 429, ``Retry-After`` and the message in
the person's language.

A view that has a form keeps it: it renders its page (or, for HTMX, its fragment) again with
``rate_limited(...)``, or passes its own rendered answer through ``answer_rate_limited(...)``; the template
shows ``{% include "includes/rate_limited.html" %}``, and what the person wrote is still there. Anything
else that raises ``RateLimited`` is answered by ``RateLimitedMiddleware``: the 429 page, or, for HTMX, the
message in the page's alert region (``#page-alerts`` in base.html). base.html tells HTMX to swap 429
answers in, as it does 2xx ones.
"""

from django.shortcuts import render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme

from .exceptions import RateLimited

ALERTS_REGION = "#page-alerts"


def answer_rate_limited(response, exc: RateLimited):
    """``response`` (rendered with the message) as a rate limit's answer: 429 with ``Retry-After``."""
    response.status_code = 429
    response["Retry-After"] = str(exc.retry_after)
    return response


def rate_limited(request, exc: RateLimited, template: str, context: dict):
    """``template`` (a page, or a fragment for HTMX) with the message as ``rate_limited``, as a 429."""
    return answer_rate_limited(render(request, template, {**context, "rate_limited": exc.message}), exc)


def rate_limited_page(request, exc: RateLimited):
    """The answer when no form is there to keep: for HTMX the message into the page's alert region, for
    anyone else the 429 page with the message and a way back."""
    if getattr(request, "htmx", False):
        response = render(request, "includes/rate_limited.html", {"rate_limited": exc.message})
        response["HX-Retarget"] = ALERTS_REGION
        response["HX-Reswap"] = "innerHTML"
    else:
        context = {"rate_limited": exc.message, "back_to": _back_to(request)}
        response = render(request, "429.html", context)
    return answer_rate_limited(response, exc)


def _back_to(request) -> str:
    """Where "Try again" goes: this page (GET), or the page the form was on, or home."""
    if request.method == "GET":
        return request.get_full_path()
    referer = request.headers.get("referer", "")
    if referer and url_has_allowed_host_and_scheme(referer, {request.get_host()}):
        return referer
    return reverse("home")


class RateLimitedMiddleware:
    """Answers a ``RateLimited`` that no view caught (the API's handler catches its own first)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, RateLimited):
            return rate_limited_page(request, exception)
        return None
