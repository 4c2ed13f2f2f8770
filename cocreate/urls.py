from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.permissions import AllowAny

from arenas.views.home import home
from platform_core import views as core_views
from platform_core.api import errors as api_errors

urlpatterns = [
    path("", home, name="home"),
    path("healthz", core_views.healthz, name="healthz"),
    path("healthz/node", core_views.healthz_node, name="healthz-node"),
    path("language/", core_views.language_switch, name="language-switch"),
    path("", include("platform_core.accounts.urls")),
    path("", include("platform_core.legal.urls")),
    path("", include("platform_core.notifications.urls")),
    path("", include("arenas.urls")),
    path("", include("arenas.deliberation.urls")),
    path("", include("arenas.prototypes.urls")),
    path("", include("arenas.sessions.urls")),
    path("", include("arenas.outcomes.urls")),
    path("accounts/", include("allauth.urls")),
    path("admin/", admin.site.urls),
    path("api/v1/", include("platform_core.api.urls")),
    path("api/v1/", include("arenas.api.urls")),
    path("api/v1/", include("arenas.deliberation.api.urls")),
    path("api/v1/", include("arenas.prototypes.api.urls")),
    path("api/v1/", include("arenas.sessions.api.urls")),
    path("api/v1/", include("arenas.outcomes.api.urls")),
    # The schema is public: integrators read it before they have a token.
    path("api/schema/", SpectacularAPIView.as_view(permission_classes=[AllowAny]), name="api-schema"),
    path("api/docs/", SpectacularSwaggerSplitView.as_view(url_name="api-schema"), name="api-docs"),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)


def handler404(request, exception=None):
    if request.path.startswith("/api/"):
        return api_errors.json_not_found(request, exception)
    from django.views.defaults import page_not_found

    return page_not_found(request, exception)


def handler400(request, exception=None):
    if request.path.startswith("/api/"):
        return api_errors.json_bad_request(request, exception)
    from django.views.defaults import bad_request

    return bad_request(request, exception)


def handler500(request):
    if request.path.startswith("/api/"):
        return api_errors.json_server_error(request)
    from django.views.defaults import server_error

    return server_error(request)


def handler403(request, exception=None):
    """The 403 page, saying why when the policy gave a reason (``Refused``)."""
    from django.shortcuts import render

    from platform_core.exceptions import Refused

    reason = exception.message if isinstance(exception, Refused) else ""
    return render(request, "403.html", {"reason": reason}, status=403)


def handler429(request, exception=None):
    """allauth's own rate limits (sign-in, sign-up, password reset) answer here: our 429 page."""
    from platform_core.accounts.allauth_limits import allauth_limited
    from platform_core.ratelimit_pages import rate_limited_page

    return rate_limited_page(request, allauth_limited(request))
