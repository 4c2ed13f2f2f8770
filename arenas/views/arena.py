from django.shortcuts import render
from django.views.decorators.http import require_GET

from ..selectors import arena_get_for_viewer


@require_GET
def arena_detail(request, slug):
    arena = arena_get_for_viewer(slug=slug, viewer=request.user)
    return render(request, "arenas/detail.html", {"arena": arena})
