"""An organisation's page (/orgs/<slug>/): who it is, the arenas of it the viewer may see, and its
portfolio of prototypes across those arenas."""

from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from platform_core.organisations.models import Organisation

from ..prototypes.views.portfolio import portfolio_context
from ..selectors import arena_directory
from .directory import PAGE_SIZE, querystring_without_page


@require_GET
def organisation_detail(request, slug):
    organisation = get_object_or_404(Organisation, slug=slug)
    include_archived = request.GET.get("archived") == "1"
    arenas = arena_directory(
        viewer=request.user, organisation=organisation.slug, include_archived=include_archived
    )
    page = Paginator(arenas, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "arenas/organisation.html",
        {
            "organisation": organisation,
            "page": page,
            "include_archived": include_archived,
            "pagination_extra": querystring_without_page(request),
            **portfolio_context(request, organisation),
        },
    )
