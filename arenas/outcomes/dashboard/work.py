"""What the arena's work produced: prototypes per stage (the funnel), feedback scores, indicators against
their targets, and decisions by kind. Stages, outcomes and ratings are counted in ``tally``; each
prototype's scores and the indicators take one query each."""

from django.db.models import Avg, Count, F, OuterRef, Subquery

from arenas.prototypes.models import Feedback, Indicator, Measurement, Prototype
from arenas.prototypes.stages import Stage

from ..models import Decision
from .figures import Category, FeedbackFigures, IndicatorProgress, PrototypeScore

RATINGS = range(1, 6)


def stages_part(*, arena):
    return Prototype.objects.filter(arena=arena), F("stage")


def outcomes_part(*, arena):
    return Decision.objects.filter(arena=arena), F("outcome")


def ratings_part(*, arena):
    return Feedback.objects.filter(prototype__arena=arena), F("rating")


def prototype_funnel(counts: dict[str, int]) -> list[Category]:
    """Every stage in the stages' own order (``Stage``), zero or not; empty when there are no prototypes."""
    if not counts:
        return []
    return [Category(stage.value, str(stage.label), counts.get(stage.value, 0)) for stage in Stage]


def decisions_by_kind(counts: dict[str, int]) -> list[Category]:
    """Every outcome in ``Decision.Outcome``'s order, zero or not; empty when nothing was decided."""
    if not counts:
        return []
    return [Category(kind.value, str(kind.label), counts.get(kind.value, 0)) for kind in Decision.Outcome]


def feedback_scores(counts: dict[str, int], *, arena) -> FeedbackFigures:
    """Each prototype's average rating and number of responses, and how often each rating was given."""
    per_prototype = (
        Feedback.objects.filter(prototype__arena=arena)
        .order_by()
        .values("prototype_id", "prototype__title")
        .annotate(average=Avg("rating"), responses=Count("pk"))
        .order_by("-responses", "prototype__title", "prototype_id")
        .values_list("prototype_id", "prototype__title", "average", "responses")
    )
    ratings = [Category(str(rating), str(rating), counts.get(str(rating), 0)) for rating in RATINGS]
    responses = sum(c.count for c in ratings)
    average = sum(int(c.key) * c.count for c in ratings) / responses if responses else None
    return FeedbackFigures(
        prototypes=[PrototypeScore(pk, title, float(avg), n) for pk, title, avg, n in per_prototype],
        ratings=ratings,
        responses=responses,
        average=average,
    )


def progress_toward(*, baseline, target, latest, direction) -> tuple[float | None, bool | None]:
    """The share of the way from baseline to target the latest value has come (0..1, clamped: a value
    worse than the baseline is 0, one beyond the target 1), and whether the target is met. The share's
    arithmetic holds both ways (lower is better: baseline 10, target 4, latest 7 is half way); ``direction``
    decides what "met" means and a target equal to its baseline."""
    if latest is None:
        return None, None
    met = latest >= target if direction == Indicator.Direction.HIGHER else latest <= target
    if target == baseline:
        return (1.0 if met else 0.0), met
    share = float((latest - baseline) / (target - baseline))
    return min(1.0, max(0.0, share)), met


def indicators_against_targets(*, arena) -> list[IndicatorProgress]:
    """Every indicator of the arena's prototypes with its latest measurement (two correlated subqueries
    on the measurements' (indicator, date) order: one query)."""
    latest = Measurement.objects.filter(indicator=OuterRef("pk")).order_by("-date", "-pk")
    rows = (
        Indicator.objects.filter(prototype__arena=arena)
        .order_by("prototype__title", "prototype_id", "pk")
        .annotate(latest=Subquery(latest.values("value")[:1]), measured_on=Subquery(latest.values("date")[:1]))
        .values_list(
            "pk", "name", "unit", "prototype_id", "prototype__title", "direction", "baseline", "target",
            "latest", "measured_on",
        )
    )  # fmt: skip
    indicators = []
    for row in rows:
        *_facts, direction, baseline, target, value, _measured_on = row
        progress, met = progress_toward(baseline=baseline, target=target, latest=value, direction=direction)
        indicators.append(IndicatorProgress(*row, progress=progress, met=met))
    return indicators
