"""Reads of the evidence on a prototype: the feedback with its summary, the indicators with their
measurements and chart."""

from dataclasses import dataclass

from django.db.models import Count, Prefetch, QuerySet
from django.http import Http404

from ..models import Feedback, Indicator, Iteration, Measurement, Prototype
from .chart import indicator_chart


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


def feedback_given(*, prototype: Prototype, author, iteration: Iteration | None = None) -> Feedback | None:
    """The feedback ``author`` already gave on the prototype (or on one round of it), if any."""
    return Feedback.objects.filter(prototype=prototype, iteration=iteration, author=author).first()


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
        indicator.chart = _chart(indicator)
    return indicators


def _chart(indicator: Indicator) -> dict:
    return indicator_chart(
        baseline=indicator.baseline,
        target=indicator.target,
        measurements=[(m.date, m.value) for m in indicator.measurements.all()],
    )


def indicator_by_id(*, prototype: Prototype, indicator_id: int) -> Indicator:
    indicator = Indicator.objects.filter(prototype=prototype, pk=indicator_id).first()
    if indicator is None:
        raise Http404
    indicator.prototype = prototype
    return indicator


def measurements_for(*, indicator: Indicator) -> QuerySet[Measurement]:
    return Measurement.objects.filter(indicator=indicator).order_by("date", "pk")
