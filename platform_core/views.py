from django.http import HttpResponseRedirect, JsonResponse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import check_for_language
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from .health import NODE_CHECKS, health_report
from .i18n import language_cookie_set
from .models import Heartbeat


@never_cache
@require_GET
def healthz(request):
    healthy, report = health_report()
    worker = (
        Heartbeat.objects.filter(key="worker").values_list("seen_at", flat=True).first() if healthy else None
    )
    body = {"status": "ok" if healthy else "error", **report}
    if worker:
        body["worker_last_seen"] = worker.isoformat()
    return JsonResponse(body, status=200 if healthy else 503)


@never_cache
@require_GET
def healthz_node(request):
    """For the load balancer: this node can serve (see platform_core/health.py)."""
    healthy, report = health_report(NODE_CHECKS)
    return JsonResponse({"status": "ok" if healthy else "error", **report}, status=200 if healthy else 503)


@require_POST
def language_switch(request):
    """Switch the site's language; remembered in a cookie and, when signed in, on the profile."""
    language = request.POST.get("language", "")
    next_url = request.POST.get("next") or "/"
    if not url_has_allowed_host_and_scheme(next_url, {request.get_host()}, require_https=request.is_secure()):
        next_url = "/"
    response = HttpResponseRedirect(next_url)
    if not check_for_language(language):
        return response
    if request.user.is_authenticated and request.user.language != language:
        request.user.language = language
        request.user.save(update_fields=["language"])
    return language_cookie_set(response, language)
