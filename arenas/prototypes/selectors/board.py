"""Reads for the board (/arenas/<slug>/prototypes/ and the API's list): the cards with their team, running
round and feedback score, and the moves the viewer may make. The board costs the same with 5 prototypes or
500."""

from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Avg, Count, Prefetch, QuerySet

from arenas.models import Arena, Membership, StakeholderType
from arenas.rules import can

from ..models import (
    Iteration,
    Prototype,
    TeamMember,
)
from ..rules import can_move
from ..stages import BOARD_ORDER, TRANSITIONS, Stage


def _with_cards(queryset: QuerySet[Prototype]) -> QuerySet[Prototype]:
    """What a card shows: the team (with each member's stakeholder type in the arena), the running round,
    the feedback score."""
    return (
        queryset.select_related("arena", "arena__organisation")
        .prefetch_related(
            Prefetch("team", queryset=TeamMember.objects.select_related("user").order_by("role", "joined")),
            Prefetch(
                "iterations",
                queryset=Iteration.objects.filter(status=Iteration.Status.RUNNING),
                to_attr="running_iterations",
            ),
        )
        .annotate(
            feedback_count=Count("feedback", distinct=True),
            feedback_mean=Avg("feedback__rating"),
        )
    )


def team_mix(prototypes: list[Prototype]) -> None:
    """Attach ``team_mix`` (stakeholder type → count) to each prototype, in one query for all of them."""
    pairs = {(m.prototype_id, m.user_id) for p in prototypes for m in p.team.all()}
    arena_ids = {p.arena_id for p in prototypes}
    types = (
        {
            (arena_id, user_id): kind
            for arena_id, user_id, kind in Membership.objects.filter(
                arena_id__in=arena_ids, user_id__in={u for _p, u in pairs}
            ).values_list("arena_id", "user_id", "stakeholder_type")
        }
        if pairs
        else {}
    )
    labels = dict(StakeholderType.choices)
    for prototype in prototypes:
        counter = Counter(types.get((prototype.arena_id, m.user_id), "other") for m in prototype.team.all())
        prototype.team_mix = [
            {"type": k, "label": labels.get(k, k), "count": n} for k, n in counter.most_common()
        ]


@dataclass
class Board:
    columns: list[dict] = field(default_factory=list)  # {"stage", "label", "prototypes"}
    total: int = 0


def prototype_board(*, arena: Arena, viewer) -> Board:
    if not can(viewer, "arenas.view_arena", arena):
        return Board()
    prototypes = list(_with_cards(Prototype.objects.filter(arena=arena)).order_by("-stage_changed_at", "-pk"))
    team_mix(prototypes)
    by_stage = {stage: [] for stage in BOARD_ORDER}
    for prototype in prototypes:
        by_stage[prototype.stage].append(prototype)
    return Board(
        columns=[{"stage": s, "label": Stage(s).label, "prototypes": by_stage[s]} for s in BOARD_ORDER],
        total=len(prototypes),
    )


def moves_for(*, prototype: Prototype, viewer) -> list[str]:
    """The stages the viewer may move this prototype to now: what the table allows from its stage, and of
    those what the viewer may do (``services.prototypes.can_move``), in board order."""
    allowed = TRANSITIONS.get(prototype.stage, set())
    return [stage for stage in BOARD_ORDER if stage in allowed and can_move(viewer, prototype, stage)]


def prototype_board_for_viewer(*, arena: Arena, viewer) -> Board:
    """The board, each card with ``moves`` (``moves_for``). The cards share the arena the view fetched (the
    viewer's membership is cached on it) and their prefetched team answers "is the viewer in it?", so the
    moves cost no query per card."""
    board = prototype_board(arena=arena, viewer=viewer)
    for column in board.columns:
        for prototype in column["prototypes"]:
            prototype.arena = arena
            prototype.moves = moves_for(prototype=prototype, viewer=viewer)
    return board


def prototypes_for_arena(*, arena: Arena, stage: str = "") -> QuerySet[Prototype]:
    """The arena's prototypes with what a list item shows (team, running round, feedback score), most
    recently moved first. The caller has already been allowed to see ``arena``; ``team_mix`` the page."""
    prototypes = Prototype.objects.filter(arena=arena)
    if stage:
        prototypes = prototypes.filter(stage=stage)
    return _with_cards(prototypes).order_by("-stage_changed_at", "-pk")
