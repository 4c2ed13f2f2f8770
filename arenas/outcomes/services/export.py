"""Downloading an arena's open data: the policy is asked again here (the views ask first, to answer
with the right status), and every download of a restricted or private arena's data is audited — who took
what, in which format — because it leaves the platform. A public arena's data is anyone's: not audited."""

from django.db import transaction

from arenas.models import Arena
from arenas.policy import require
from platform_core.audit.services import audit_record

FORMATS = ("zip", "json")
EXPORTED = "arena.exported"


@transaction.atomic
def arena_export_record(*, arena: Arena, actor, format: str) -> None:
    """Allow ``actor`` to download ``arena``'s open data in ``format`` (``Refused`` otherwise), and audit
    it when the arena is not public."""
    if format not in FORMATS:
        raise ValueError(f"unknown export format {format!r}")
    require(actor, "outcomes.export", arena)
    if arena.visibility != Arena.Visibility.PUBLIC:
        audit_record(
            actor=actor, action=EXPORTED, target=arena, group_key=arena.group_key, details={"format": format}
        )
