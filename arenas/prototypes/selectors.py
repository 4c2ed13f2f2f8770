"""Reads for prototypes: the board, the prototype page, the portfolio. Each brings its own joins and
aggregates, so the board costs the same with 5 prototypes or 500."""

from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Avg, Count, Exists, OuterRef, Prefetch, QuerySet
from django.http import Http404

from arenas.models import Arena, Membership
from arenas.rules import can
from arenas.selectors import arena_get_for_viewer, arenas_visible_to

from .models import Feedback, Indicator, Iteration, Measurement, Prototype, StageTransition, TeamMember
from .stages import BOARD_ORDER, Stage


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
    from arenas.models import StakeholderType

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


def prototype_get_for_viewer(*, slug: str, prototype_id: int, viewer) -> Prototype:
    arena = arena_get_for_viewer(slug=slug, viewer=viewer)
    prototype = (
        _with_cards(Prototype.objects.filter(pk=prototype_id, arena=arena)).prefetch_related("topics").first()
    )
    if prototype is None:
        raise Http404
    prototype.arena = arena
    team_mix([prototype])
    return prototype


def prototype_by_id_for_viewer(*, prototype_id: int, viewer) -> Prototype:
    """For the API: the prototype, or 404 — the same when its arena is hidden from the viewer."""
    arena_slug = Prototype.objects.filter(pk=prototype_id).values_list("arena__slug", flat=True).first()
    if arena_slug is None:
        raise Http404
    return prototype_get_for_viewer(slug=arena_slug, prototype_id=prototype_id, viewer=viewer)


@dataclass
class FeedbackSummary:
    count: int
    mean: float | None
    distribution: dict[int, int]  # rating → count, 1..5
    would_use: dict[str, int]  # yes/no/unsure → count
    would_use_share: float | None  # share of "yes" among all answers


def feedback_summary(*, prototype: Prototype, iteration: Iteration | None = None) -> FeedbackSummary:
    feedback = Feedback.objects.filter(prototype=prototype)
    if iteration is not None:
        feedback = feedback.filter(iteration=iteration)
    ratings = dict(feedback.values("rating").annotate(n=Count("pk")).values_list("rating", "n"))
    uses = dict(feedback.values("would_use").annotate(n=Count("pk")).values_list("would_use", "n"))
    count = sum(ratings.values())
    mean = sum(r * n for r, n in ratings.items()) / count if count else None
    return FeedbackSummary(
        count=count,
        mean=round(mean, 2) if mean is not None else None,
        distribution={r: ratings.get(r, 0) for r in range(1, 6)},
        would_use={k: uses.get(k, 0) for k in Feedback.WouldUse.values},
        would_use_share=round(uses.get("yes", 0) / count, 3) if count else None,
    )


def feedback_for(*, prototype: Prototype) -> QuerySet[Feedback]:
    return (
        Feedback.objects.filter(prototype=prototype)
        .select_related("author", "iteration")
        .order_by("-updated", "-pk")
    )


def indicators_for(*, prototype: Prototype) -> list[Indicator]:
    indicators = list(
        Indicator.objects.filter(prototype=prototype).prefetch_related(
            Prefetch("measurements", queryset=Measurement.objects.order_by("date", "pk"))
        )
    )
    for indicator in indicators:
        values = [m.value for m in indicator.measurements.all()]
        indicator.latest = values[-1] if values else None
        indicator.met = None
        if indicator.latest is not None:
            indicator.met = (
                indicator.latest >= indicator.target
                if indicator.direction == Indicator.Direction.HIGHER
                else indicator.latest <= indicator.target
            )
        indicator.chart = _chart(indicator, values)
    return indicators


def _chart(indicator: Indicator, values: list[Decimal]) -> dict:
    """Points of a small SVG line chart (0..100 × 0..40) with baseline and target lines."""
    series = [indicator.baseline, indicator.target, *values]
    low, high = min(series), max(series)
    span = (high - low) or Decimal(1)

    def y(v):
        return float(36 - (v - low) / span * 32)

    step = 100 / max(len(values) - 1, 1)
    return {
        "points": " ".join(f"{i * step:.1f},{y(v):.1f}" for i, v in enumerate(values)),
        "baseline_y": round(y(indicator.baseline), 1),
        "target_y": round(y(indicator.target), 1),
    }


def timeline(*, prototype: Prototype) -> list[dict]:
    """Stage moves, rounds started and finished, in time order: the prototype's history."""
    events = [
        {"kind": "transition", "when": t.created, "object": t}
        for t in StageTransition.objects.filter(prototype=prototype).select_related("actor")
    ]
    for iteration in Iteration.objects.filter(prototype=prototype):
        events.append({"kind": "iteration", "when": iteration.created, "object": iteration})
        if iteration.started_at:
            events.append({"kind": "iteration_started", "when": iteration.started_at, "object": iteration})
        if iteration.done_at:
            events.append({"kind": "iteration_done", "when": iteration.done_at, "object": iteration})
    return sorted(events, key=lambda e: (e["when"], e["kind"] != "transition"))


def prototypes_from_thread(*, thread) -> QuerySet[Prototype]:
    """Talk → action: the prototypes a thread led to."""
    return Prototype.objects.filter(sources__thread=thread).distinct().order_by("-created")


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


def pending_team_requests(*, prototype: Prototype):
    from .models import TeamJoinRequest

    return TeamJoinRequest.objects.filter(
        prototype=prototype, status=TeamJoinRequest.Status.PENDING
    ).select_related("user")


# --- for the HTML pages (arenas.prototypes.views) -------------------------------------------------------------


def moves_for(*, prototype: Prototype, viewer) -> list[str]:
    """The stages the viewer may move this prototype to now: what the table allows from its stage, and of
    those what the viewer may do (``services.prototypes.can_move``), in board order."""
    from .services.prototypes import can_move
    from .stages import TRANSITIONS

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
            prime_team_cache(prototype)
            prototype.moves = moves_for(prototype=prototype, viewer=viewer)
    return board


def team_members_for(*, prototype: Prototype) -> list[TeamMember]:
    """The team, lead first, each member with ``stakeholder_label`` (their stakeholder type in the arena)."""
    from arenas.models import StakeholderType

    members = list(prototype.team.all())
    types = dict(
        Membership.objects.filter(
            arena_id=prototype.arena_id, user_id__in=[m.user_id for m in members]
        ).values_list("user_id", "stakeholder_type")
    )
    labels = dict(StakeholderType.choices)
    for member in members:
        kind = types.get(member.user_id, StakeholderType.OTHER)
        member.stakeholder_type = kind
        member.stakeholder_label = labels.get(kind, kind)
    return members


def iterations_for(*, prototype: Prototype) -> list[Iteration]:
    """The rounds in order, each with its feedback count."""
    return list(
        Iteration.objects.filter(prototype=prototype)
        .annotate(feedback_count=Count("feedback"))
        .order_by("number")
    )


def feedback_of(*, prototype: Prototype, viewer) -> Feedback | None:
    """The viewer's latest feedback on the prototype (or one of its rounds), to fill the form in with."""
    if not getattr(viewer, "is_authenticated", False):
        return None
    return (
        Feedback.objects.filter(prototype=prototype, author=viewer)
        .select_related("iteration")
        .order_by("-updated", "-pk")
        .first()
    )


def sources_for(*, prototype: Prototype):
    """Where the prototype came from: its threads and posts (same arena), oldest link first."""
    from .models import PrototypeSource

    return (
        PrototypeSource.objects.filter(prototype=prototype)
        .select_related("thread", "post")
        .order_by("created", "pk")
    )


def source_thread_choices(*, arena: Arena, exclude_prototype: Prototype | None = None) -> list[tuple]:
    """The arena's threads a prototype can come from, ideas first, then by latest activity:
    (id, title, kind label). ``exclude_prototype`` leaves out the threads it already links."""
    from arenas.deliberation.models import Thread

    threads = Thread.objects.filter(arena=arena)
    if exclude_prototype is not None:
        threads = threads.exclude(pk__in=exclude_prototype.sources.values("thread_id"))
    rows = threads.order_by("-last_activity_at", "-pk").values_list("pk", "title", "kind")
    labels = dict(Thread.Kind.choices)
    ideas = [(pk, title, labels.get(kind, kind)) for pk, title, kind in rows if kind == Thread.Kind.IDEA]
    others = [(pk, title, labels.get(kind, kind)) for pk, title, kind in rows if kind != Thread.Kind.IDEA]
    return ideas + others


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


# --- for the API (arenas/prototypes/api) ---------------------------------------------------------------------


def prototypes_for_arena(*, arena: Arena, stage: str = "") -> QuerySet[Prototype]:
    """The arena's prototypes with what a list item shows (team, running round, feedback score), most
    recently moved first. The caller has already been allowed to see ``arena``; ``team_mix`` the page."""
    prototypes = Prototype.objects.filter(arena=arena)
    if stage:
        prototypes = prototypes.filter(stage=stage)
    return _with_cards(prototypes).order_by("-stage_changed_at", "-pk")


def prototype_iterations(*, prototype: Prototype) -> QuerySet[Iteration]:
    """The rounds by number (a queryset, to paginate)."""
    return Iteration.objects.filter(prototype=prototype).order_by("number")


def iteration_by_number(*, prototype: Prototype, number: int) -> Iteration:
    iteration = Iteration.objects.filter(prototype=prototype, number=number).first()
    if iteration is None:
        raise Http404
    iteration.prototype = prototype
    return iteration


def feedback_given(*, prototype: Prototype, author, iteration: Iteration | None = None) -> Feedback | None:
    """The feedback ``author`` already gave on the prototype (or on one round of it), if any."""
    return Feedback.objects.filter(prototype=prototype, iteration=iteration, author=author).first()


def indicator_by_id(*, prototype: Prototype, indicator_id: int) -> Indicator:
    indicator = Indicator.objects.filter(prototype=prototype, pk=indicator_id).first()
    if indicator is None:
        raise Http404
    indicator.prototype = prototype
    return indicator


def measurements_for(*, indicator: Indicator) -> QuerySet[Measurement]:
    return Measurement.objects.filter(indicator=indicator).order_by("date", "pk")


def prime_team_cache(prototype: Prototype) -> None:
    """Let ``services.prototypes.is_team_member`` answer from the prefetched team instead of a query."""
    prototype.__dict__["_team_ids"] = {member.user_id for member in prototype.team.all()}
