"""Several GROUP BY counts in one round trip: each part is a queryset and the expression it is counted
by (a stage, an outcome, a week), and ``tally`` joins their grouped counts with UNION ALL. The dashboard's
simple counts cost one query together instead of one each, which keeps the whole page within its budget
of twenty queries (the page's own — session, viewer, arena, membership — included)."""

from django.db.models import CharField, Count, QuerySet, Value
from django.db.models.functions import Cast


def tally(parts: dict[str, tuple[QuerySet, object]]) -> dict[str, dict[str, int]]:
    """``{"stages": (prototypes, "stage"), ...}`` → ``{"stages": {"idea": 3, ...}, ...}``: counts by each
    part's key (as text), every part present (empty when it has no rows)."""
    grouped = [
        queryset.order_by()
        .annotate(tally_part=Value(name, output_field=CharField()), tally_key=Cast(key, CharField()))
        .values("tally_part", "tally_key")
        .annotate(tally_n=Count("pk"))
        .values_list("tally_part", "tally_key", "tally_n")
        .order_by()
        for name, (queryset, key) in parts.items()
    ]
    first, *others = grouped
    counts = {name: {} for name in parts}
    for part, key, n in first.union(*others, all=True).order_by():
        counts[part][key] = n
    return counts
