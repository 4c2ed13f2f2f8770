"""Declaring the stakeholder map: conveners only, every row checked before anything is written, the
text kept exactly as typed (Danish, emoji, right-to-left), and an audit entry saying what was declared."""

import pytest
from django.core.exceptions import ValidationError

from arenas.models import StakeholderType
from arenas.outcomes.models import StakeholderGroup
from arenas.outcomes.services.map import group_join_link_create, stakeholder_map_set
from platform_core.audit.models import AuditEntry
from platform_core.audit.words import action_said
from platform_core.exceptions import Refused

from .map_helpers import PARENTS, SHOPS

pytestmark = pytest.mark.django_db


def declared(arena):
    return list(
        StakeholderGroup.objects.filter(arena=arena).values_list("stakeholder_type", "description", "target")
    )


def test_the_map_replaces_what_was_declared_in_the_order_given(mapped, convener):
    stakeholder_map_set(arena=mapped, actor=convener, groups=[SHOPS, {**PARENTS, "target": 10}])

    assert declared(mapped) == [
        ("business", "Shops along the school route", 2),
        ("resident", "Parents of pupils at Northbridge East", 10),
    ]


def test_an_empty_list_clears_the_map(mapped, convener):
    stakeholder_map_set(arena=mapped, actor=convener, groups=[])
    assert declared(mapped) == []


@pytest.mark.parametrize(
    "text",
    [
        "Forældre til elever på Nørrebro Skole — ÆØÅ æøå",
        "Parents 👨‍👩‍👧 on bikes 🚲",
        "أولياء أمور التلاميذ",
        "הורים של תלמידים",
    ],
)
def test_descriptions_are_kept_exactly_as_typed_only_trimmed(arena, convener, text):
    stakeholder_map_set(
        arena=arena,
        actor=convener,
        groups=[{"stakeholder_type": "resident", "description": f"  {text}\n", "target": 3}],
    )
    assert declared(arena) == [("resident", text, 3)]


@pytest.mark.parametrize(
    ("row", "field", "words"),
    [
        ({"stakeholder_type": "resident", "target": 0}, "target", "from 1 to 1,000,000"),
        ({"stakeholder_type": "resident", "target": 1_000_001}, "target", "from 1 to 1,000,000"),
        ({"stakeholder_type": "resident", "target": "many"}, "target", "whole number"),
        ({"stakeholder_type": "resident", "target": None}, "target", "whole number"),
        (
            {"stakeholder_type": "aliens", "target": 3},
            "stakeholder_type",
            "Pick one of the stakeholder types",
        ),
        (
            {"stakeholder_type": "resident", "target": 3, "description": "x" * 301},
            "description",
            "300 characters",
        ),
        ({**SHOPS, "target": 5}, "stakeholder_type", "already in the map"),
    ],
)
def test_a_bad_row_is_refused_with_its_row_and_field_and_nothing_changes(mapped, convener, row, field, words):
    before = declared(mapped)

    with pytest.raises(ValidationError) as refused:
        stakeholder_map_set(arena=mapped, actor=convener, groups=[SHOPS, row])

    [(name, [message])] = refused.value.message_dict.items()
    assert name == f"groups.1.{field}"
    assert words in message
    assert declared(mapped) == before


def test_a_type_given_twice_names_the_second_row(arena, convener):
    with pytest.raises(ValidationError) as refused:
        stakeholder_map_set(arena=arena, actor=convener, groups=[PARENTS, SHOPS, {**PARENTS, "target": 9}])
    assert list(refused.value.message_dict) == ["groups.2.stakeholder_type"]
    assert "Resident is already in the map" in refused.value.message_dict["groups.2.stakeholder_type"][0]
    assert declared(arena) == []


def test_only_conveners_declare_the_map(arena, facilitator, participant):
    for person in (facilitator, participant):
        with pytest.raises(Refused) as refused:
            stakeholder_map_set(arena=arena, actor=person, groups=[PARENTS])
        assert "Only the arena's conveners declare which groups the arena needs." in str(
            refused.value.message
        )
    assert declared(arena) == []


def test_changing_the_map_is_audited_with_the_groups_in_plain_words(arena, convener):
    stakeholder_map_set(arena=arena, actor=convener, groups=[PARENTS])

    entry = AuditEntry.objects.get(action="stakeholder_map.changed")
    assert entry.actor == convener
    assert entry.group_key == arena.group_key
    assert entry.details == {"groups": [PARENTS]}
    assert action_said("stakeholder_map.changed") == "changed the stakeholder map"


def test_a_group_join_link_preselects_its_type_and_needs_someone_who_may_invite(
    arena, facilitator, participant
):
    link = group_join_link_create(arena=arena, actor=facilitator, stakeholder_type=StakeholderType.BUSINESS)
    assert link.stakeholder_type == "business"
    assert link.role == "participant"

    with pytest.raises(Refused):
        group_join_link_create(arena=arena, actor=participant, stakeholder_type=StakeholderType.BUSINESS)
    with pytest.raises(ValidationError):
        group_join_link_create(arena=arena, actor=facilitator, stakeholder_type="")
