"""The organisation's portfolio, shown on /orgs/<slug>/: every prototype across its arenas that the viewer
may see, filterable by stage and arena, with counts per stage."""

from django.core.paginator import Paginator
from django.utils.http import urlencode

from ..selectors.portfolio import portfolio, portfolio_arenas, portfolio_stage_counts
from ..stages import BOARD_ORDER, Stage

PORTFOLIO_PAGE_SIZE = 24


def portfolio_context(request, organisation) -> dict:
    viewer = request.user
    arenas = portfolio_arenas(organisation=organisation, viewer=viewer)
    stage = request.GET.get("stage", "")
    stage = stage if stage in Stage.values else ""
    arena_slug = request.GET.get("arena", "")
    arena_slug = arena_slug if any(slug == arena_slug for slug, _title in arenas) else ""
    items, counts = portfolio(organisation=organisation, viewer=viewer, stage=stage, arena_slug=arena_slug)
    if arena_slug:  # ``portfolio`` counts across all arenas; the counts should match the arena filter
        counts = portfolio_stage_counts(organisation=organisation, viewer=viewer, arena_slug=arena_slug)
    page = Paginator(items, PORTFOLIO_PAGE_SIZE).get_page(request.GET.get("portfolio_page"))

    def link(**changes) -> str:
        params = {"stage": stage, "arena": arena_slug, **changes}
        query = urlencode({k: v for k, v in params.items() if v})
        return f"?{query}#portfolio" if query else "?#portfolio"

    return {
        "portfolio_page": page,
        "portfolio_stage": stage,
        "portfolio_arena": arena_slug,
        "portfolio_arenas": arenas,
        "portfolio_filtered": bool(stage or arena_slug),
        "portfolio_total": sum(counts.values()),
        "portfolio_counts": [
            {
                "stage": s,
                "label": Stage(s).label,
                "count": counts[s],
                "url": link(stage=s),
                "current": s == stage,
            }
            for s in BOARD_ORDER
        ],
        "portfolio_stages": [(s, Stage(s).label) for s in BOARD_ORDER],
        "portfolio_all_stages_url": link(stage=""),
        "portfolio_previous_url": link(portfolio_page=page.previous_page_number())
        if page.has_previous()
        else "",
        "portfolio_next_url": link(portfolio_page=page.next_page_number()) if page.has_next() else "",
    }
