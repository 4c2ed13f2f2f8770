"""``/people/<handle>/``: a person's page (``arenas.people``)."""

from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET

from ..people import person_current_handle, person_page_for_viewer
from .directory import querystring_without_page
from .search import page_number


@require_GET
def person_detail(request, handle: str):
    try:
        page = person_page_for_viewer(handle=handle, viewer=request.user, page=page_number(request))
    except Http404:
        current = person_current_handle(handle=handle)
        if current is None:
            raise
        return redirect("arenas:person", handle=current, permanent=True)
    return render(
        request,
        "people/detail.html",
        {"page": page, "person": page.person, "pagination_extra": querystring_without_page(request)},
    )
