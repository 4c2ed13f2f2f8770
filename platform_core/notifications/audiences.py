"""Audiences as queries: who a fan-out tells, named so a task can ask again after the commit.

A domain app registers its audiences (``audience_register("arenas.members", members_query)``) in its
AppConfig.ready(); the query takes the audience's JSON parameters and returns a queryset with a
``user_id`` column and one row per person (memberships of an arena, follows of a thread: each unique per
person, so no DISTINCT is needed — on SQLite it made the first batch's probe sort every member). ``notify(recipients=Audience(...))`` tells them: a small
audience at once, in the action's transaction; a large one after the commit, in batches (fanout.py).
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.db.models import QuerySet

AudienceQuery = Callable[[dict], QuerySet]

audiences: dict[str, AudienceQuery] = {}


def audience_register(kind: str, query: AudienceQuery) -> None:
    audiences[kind] = query


@dataclass(frozen=True)
class Audience:
    """``kind`` names a registered query, ``params`` its JSON arguments; ``excluded`` are person ids not
    to tell (already told otherwise). The actor is never told of their own action anyway."""

    kind: str
    params: dict = field(default_factory=dict)
    excluded: frozenset[int] = frozenset()

    def __post_init__(self):
        if self.kind not in audiences:
            raise LookupError(f"Unknown audience {self.kind!r}: register it with audience_register()")

    def excluding(self, ids: Iterable[int]) -> "Audience":
        return Audience(self.kind, self.params, self.excluded | frozenset(ids))


def audience_batch(kind: str, params: dict, *, excluded: Iterable[int], after: int, limit: int) -> list[int]:
    """The next ``limit`` people of the audience by id, after ``after`` (keyset: each batch one index range)."""
    rows = audiences[kind](params).filter(user_id__gt=after)
    excluded = list(excluded)
    if excluded:
        rows = rows.exclude(user_id__in=excluded)
    return list(rows.order_by("user_id").values_list("user_id", flat=True)[:limit])
