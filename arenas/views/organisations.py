"""An organisation's page (/orgs/<slug>/): who it is, the arenas of it the viewer may see, and the sections
the arena's parts add (``arenas.parts.organisation_sections``: the portfolio of prototypes)."""

from django.core.paginator import Paginator
from django.shortcuts import render
from django.views.decorators.http import require_GET

from ..parts import organisation_sections, panels_for
from ..selectors import arena_directory, organisation_get
from .directory import PAGE_SIZE, querystring_without_page


@require_GET
def organisation_detail(request, slug):
    organisation = organisation_get(slug=slug)
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
            "sections": panels_for(organisation_sections, request=request, obj=organisation),
        },
    )
