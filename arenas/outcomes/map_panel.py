"""The arena page's "Who takes part" card, as outcomes show it: with a stakeholder map, each declared
group's joined members against its target and which groups are missing, with a link to the outcomes
page; without one, the core's stakeholder mix (its own card template, with the same figures).

It replaces the core's card (``arenas.parts.people_panels``) and its query: one query brings both the
members by type and the declared groups (a UNION), so the arena page costs the same with or without a
map. A person counts in their membership's type; banned members count nowhere (as in ``people``)."""

from django.db.models import CharField, Count, IntegerField, Value
from django.urls import reverse

from arenas.models import Membership, StakeholderType
from arenas.policy import can

from .models import StakeholderGroup

LABELS = dict(StakeholderType.choices)
MEMBERS, GROUP = "members", "group"


def people_of(*, arena) -> tuple[dict[str, int], list[dict]]:
    """Members by stakeholder type, and the declared groups in order: one query."""
    members = (
        Membership.objects.filter(arena=arena, banned=False)
        .order_by()
        .values("stakeholder_type")
        .annotate(
            row=Value(MEMBERS, output_field=CharField()),
            number=Count("pk"),
            description=Value("", output_field=CharField()),
            position=Value(0, output_field=IntegerField()),
        )
        .values_list("row", "stakeholder_type", "number", "description", "position")
        .order_by()
    )
    groups = (
        StakeholderGroup.objects.filter(arena=arena)
        .order_by()
        .annotate(row=Value(GROUP, output_field=CharField()))
        .values_list("row", "stakeholder_type", "target", "description", "order")
        .order_by()
    )
    counts: dict[str, int] = {}
    declared = []
    for row, kind, number, description, position in members.union(groups, all=True).order_by():
        if row == MEMBERS:
            counts[kind] = number
        else:
            declared.append(
                {"type": kind, "target": number, "description": description, "position": position}
            )
    declared.sort(key=lambda group: group["position"])
    return counts, declared


def map_panel_context(*, request, obj) -> dict:
    counts, declared = people_of(arena=obj)
    rows = [
        {
            "label": LABELS.get(group["type"], group["type"]),
            "description": group["description"],
            "joined": counts.get(group["type"], 0),
            "target": group["target"],
            "missing": counts.get(group["type"], 0) == 0,
        }
        for group in declared
    ]
    mix = sorted(
        ({"type": kind, "label": LABELS.get(kind, kind), "count": n} for kind, n in counts.items()),
        key=lambda row: (-row["count"], row["type"]),
    )
    return {
        "map_rows": rows,
        "map_missing": sum(1 for row in rows if row["missing"]),
        "stakeholder_mix": mix,
        "member_count": sum(counts.values()),
        "outcomes_url": reverse("outcomes:outcomes", args=[obj.slug])
        if can(request.user, "outcomes.view_outcomes", obj)
        else "",
    }
