"""Writing the stakeholder map: the conveners declare which groups the arena needs (replacing what was
declared before, all or nothing), and make join links that put a newcomer in one of those groups."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from arenas.models import Arena, JoinLink, StakeholderType
from arenas.page_cache import arena_pages_changed
from arenas.policy import require
from arenas.services.membership import join_link_create
from platform_core.audit.services import audit_record

from ..models import StakeholderGroup

TARGET_MIN, TARGET_MAX = 1, 1_000_000
DESCRIPTION_MAX = 300


def _row_error(index: int, field: str, message: str) -> ValidationError:
    """An error naming the row and field as ``groups.<index>.<field>`` (the way the API's error shape
    names a list's fields; the editing form maps it back to its own field)."""
    return ValidationError({f"groups.{index}.{field}": message})


def _cleaned(groups: list[dict]) -> list[dict]:
    """Every row checked before anything is written; the first bad one is refused with its row and field."""
    kinds = dict(StakeholderType.choices)
    seen: set[str] = set()
    cleaned = []
    for index, row in enumerate(groups):
        if not isinstance(row, dict):
            raise ValidationError({f"groups.{index}": _("Each group is an object with a stakeholder type.")})
        kind = row.get("stakeholder_type")
        if kind not in kinds:
            raise _row_error(index, "stakeholder_type", _("Pick one of the stakeholder types."))
        if kind in seen:
            raise _row_error(
                index,
                "stakeholder_type",
                _("%(type)s is already in the map: each group appears once.") % {"type": kinds[kind]},
            )
        seen.add(kind)
        target = row.get("target")
        if isinstance(target, bool) or not isinstance(target, int):
            try:
                target = int(str(target).strip()) if target is not None and str(target).strip() else None
            except ValueError:
                target = None
            if target is None:
                raise _row_error(index, "target", _("Give the target as a whole number."))
        if not TARGET_MIN <= target <= TARGET_MAX:
            raise _row_error(
                index,
                "target",
                _("The target is a whole number from %(min)s to %(max)s.")
                % {"min": number_format(TARGET_MIN), "max": number_format(TARGET_MAX, force_grouping=True)},
            )
        description = row.get("description") or ""
        if not isinstance(description, str):
            raise _row_error(index, "description", _("The description is text."))
        description = description.strip()
        if len(description) > DESCRIPTION_MAX:
            raise _row_error(
                index,
                "description",
                _("Keep the description to %(max)d characters (it has %(count)d).")
                % {"max": DESCRIPTION_MAX, "count": len(description)},
            )
        cleaned.append({"stakeholder_type": kind, "description": description, "target": target})
    return cleaned


@transaction.atomic
def stakeholder_map_set(*, arena: Arena, actor, groups: list[dict]) -> list[StakeholderGroup]:
    """Replace the arena's declared groups with ``groups`` (``stakeholder_type``, ``description``,
    ``target``), in that order; an empty list clears the map. Conveners only; audited."""
    require(actor, "outcomes.change_map", arena)
    cleaned = _cleaned(list(groups))
    StakeholderGroup.objects.filter(arena=arena).delete()
    created = StakeholderGroup.objects.bulk_create(
        StakeholderGroup(arena=arena, order=order, **row) for order, row in enumerate(cleaned)
    )
    arena_pages_changed(arena)  # the arena page's "Who takes part"
    audit_record(
        actor=actor,
        action="stakeholder_map.changed",
        target=arena,
        group_key=arena.group_key,
        details={"groups": cleaned},
    )
    return created


@transaction.atomic
def group_join_link_create(*, arena: Arena, actor, stakeholder_type: str) -> JoinLink:
    """A join link whose page preselects ``stakeholder_type``: the map's one click to invite a missing
    group. The membership service checks who may make links, validates and audits."""
    require(actor, "arenas.invite_participants", arena)
    if stakeholder_type not in StakeholderType.values:
        raise ValidationError({"stakeholder_type": _("Pick one of the stakeholder types.")})
    return join_link_create(arena=arena, actor=actor, stakeholder_type=stakeholder_type)
