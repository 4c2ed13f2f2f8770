"""``/arenas/<slug>/audit/``: the arena's audit log, for its conveners (``arenas.audit``)."""

from django.shortcuts import render
from django.views.decorators.http import require_GET

from ..audit import audit_page, said
from ..pages import arena_for


@require_GET
def arena_audit(request, slug):
    arena = arena_for(request, slug, "arenas.read_audit")
    page = audit_page(arena=arena, page=request.GET.get("page") or 1)
    return render(
        request,
        "arenas/audit.html",
        {"arena": arena, "page": page, "rows": [said(e) for e in page.object_list]},
    )
