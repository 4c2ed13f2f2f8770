from urllib.parse import urlencode

from django.http import HttpResponseRedirect
from django.urls import reverse

# Pages a person who has not accepted yet can still reach: reading the documents, signing out, their
# data and deleting the account (declining is leaving), unsubscribing from email, the admin, the API
# and files.
OPEN_PREFIXES = (
    "/accounts/",
    "/admin/",
    "/api/",
    "/consent/",
    "/healthz",  # and /healthz/node
    "/language/",
    "/media/",
    "/notifications/count/",
    "/notifications/unsubscribe/",
    "/privacy/",
    "/settings/data/",
    "/settings/delete/",
    "/static/",
    "/terms/",
)


class ConsentMiddleware:
    """Sends a signed-in person who has a new version of the terms or the privacy notice to accept
    (``User.consent_due``: no query) to ``/consent/`` once, then back. Only page views: a form being
    sent (POST) or an htmx fragment goes through, so nothing typed is lost."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if (
            user.is_authenticated
            and getattr(user, "consent_due", False)
            and request.method == "GET"
            and "HX-Request" not in request.headers
            and not request.path.startswith(OPEN_PREFIXES)
        ):
            query = urlencode({"next": request.get_full_path()})
            return HttpResponseRedirect(f"{reverse('legal:consent')}?{query}")
        return self.get_response(request)
