"""``/search/``: everything the viewer may see, ranked (``arenas.search.search_for_viewer``, as the API)."""

from django.core.exceptions import ValidationError
from django.shortcuts import render
from django.views.decorators.http import require_GET

from platform_core.forms import add_service_errors

from ..forms import SearchForm
from ..search import kind_choices, search_for_viewer
from .directory import querystring_without_page


def page_number(request) -> int:
    raw = request.GET.get("page", "")
    return int(raw) if raw.isdigit() and 0 < int(raw) < 10_000 else 1


@require_GET
def search_page(request):
    form = SearchForm(request.GET or None, kinds=kind_choices())
    results = arena = None
    if form.is_valid() and form.cleaned_data["q"].strip():
        data = form.cleaned_data
        try:
            results, arena = search_for_viewer(
                viewer=request.user,
                query=data["q"],
                kind=data["type"],
                arena_slug=data["arena"],
                page=page_number(request),
                language=request.LANGUAGE_CODE,
            )
        except ValidationError as error:
            add_service_errors(form, error, field_names={"type": "type", "q": "q"})
    return render(
        request,
        "search/results.html",
        {
            "form": form,
            "results": results,
            "arena": arena,
            "pagination_extra": querystring_without_page(request),
        },
    )
