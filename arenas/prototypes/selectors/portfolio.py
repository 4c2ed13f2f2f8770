"""Reads for an organisation's portfolio: every prototype across its arenas that the viewer may see, and
the counts per stage."""

from django.db.models import Count, Exists, OuterRef

from arenas.selectors import arenas_visible_to

from ..models import Prototype
from ..stages import BOARD_ORDER
from .board import _with_cards, team_mix


def portfolio(*, organisation, viewer, stage: str = "", arena_slug: str = "") -> tuple[list[Prototype], dict]:
    """Every prototype across the organisation's arenas that the viewer may see, and counts per stage."""
    visible = arenas_visible_to(viewer).filter(organisation=organisation)
    prototypes = Prototype.objects.filter(Exists(visible.filter(pk=OuterRef("arena_id"))))
    counts = dict(prototypes.values("stage").annotate(n=Count("pk")).values_list("stage", "n"))
    if stage:
        prototypes = prototypes.filter(stage=stage)
    if arena_slug:
        prototypes = prototypes.filter(arena__slug=arena_slug)
    items = list(_with_cards(prototypes).order_by("-stage_changed_at", "-pk"))
    team_mix(items)
    return items, {s: counts.get(s, 0) for s in BOARD_ORDER}


def portfolio_stage_counts(*, organisation, viewer, arena_slug: str = "") -> dict:
    """Prototypes per stage in the organisation's portfolio, within one arena when ``arena_slug`` is given
    (``portfolio`` counts across all arenas), so the counts match what the arena filter shows."""
    visible = arenas_visible_to(viewer).filter(organisation=organisation)
    if arena_slug:
        visible = visible.filter(slug=arena_slug)
    prototypes = Prototype.objects.filter(Exists(visible.filter(pk=OuterRef("arena_id"))))
    counts = dict(prototypes.values("stage").annotate(n=Count("pk")).values_list("stage", "n"))
    return {stage: counts.get(stage, 0) for stage in BOARD_ORDER}


def portfolio_arenas(*, organisation, viewer) -> list[tuple[str, str]]:
    """(slug, title) of the organisation's arenas the viewer may see that have prototypes, for the
    portfolio's arena filter (an arena without any would only lead to an empty list)."""
    return list(
        arenas_visible_to(viewer)
        .filter(organisation=organisation)
        .filter(Exists(Prototype.objects.filter(arena_id=OuterRef("pk"))))
        .order_by("title", "pk")
        .values_list("slug", "title")
    )
