"""The demo's stakeholder map: loneliness-among-seniors has three groups (seeding twice changes
nothing); safer-school-routes has none, for the convener to declare in the acceptance walk."""

import pytest

from arenas.outcomes.models import StakeholderGroup
from platform_core.demo import seed

pytestmark = pytest.mark.django_db


def test_the_demo_maps_loneliness_among_seniors_only_and_seeding_again_changes_nothing():
    seed()
    seed()

    groups = StakeholderGroup.objects.filter(arena__slug="loneliness-among-seniors")
    assert list(groups.values_list("stakeholder_type", "target")) == [
        ("resident", 25),
        ("civil_society", 5),
        ("public_employee", 6),
    ]
    assert not StakeholderGroup.objects.filter(arena__slug="safer-school-routes").exists()
