"""An arena's open data: the page that says what the download holds (``/arenas/<slug>/export/``) and the
zip itself (``data.zip``), streamed as it is written. Who may: ``outcomes.export`` (a public arena's data
for anyone; a restricted or private one's for its facilitators and up). A private arena is the same 404 as
a missing one to those who may not see it; a refused visitor who is signed out signs in first."""

from django.http import StreamingHttpResponse
from django.shortcuts import render
from django.utils import translation
from django.views.decorators.http import require_GET

from arenas.pages import arena_for, sign_in_first

from ..opendata.tables import TABLES
from ..opendata.zipfile import zip_chunks, zip_filename
from ..services.export import arena_export_record


@require_GET
@sign_in_first
def export_page(request, slug):
    arena = arena_for(request, slug, "outcomes.export")
    return render(
        request,
        "outcomes/export.html",
        {
            "arena": arena,
            "tables": TABLES,
            "zip_name": zip_filename(arena),
            "audited": arena.visibility != "public",
        },
    )


@require_GET
@sign_in_first
def export_zip(request, slug):
    arena = arena_for(request, slug, "outcomes.export")
    arena_export_record(arena=arena, actor=request.user, format="zip")
    response = StreamingHttpResponse(
        zip_chunks(arena, language=translation.get_language()), content_type="application/zip"
    )
    response["Content-Disposition"] = f'attachment; filename="{zip_filename(arena)}"'
    response["Cache-Control"] = "private, no-store"
    return response
