"""``/api/v1/arenas/{slug}/stakeholder-map/``: the map with its figures for whoever sees the arena; PUT
for conveners, 403 with the policy's sentence for others, 404 for an arena the caller may not see, 400 in
the one error shape with nothing written."""

import pytest
from rest_framework.test import APIClient

from arenas.models import Arena, StakeholderType
from arenas.outcomes.models import StakeholderGroup
from tests.factories import ArenaFactory, UserFactory

from .map_helpers import PARENTS, SHOPS, member

pytestmark = pytest.mark.django_db


def url(arena):
    return f"/api/v1/arenas/{arena.slug}/stakeholder-map/"


@pytest.fixture
def api():
    return APIClient()


def test_get_gives_each_group_with_its_figures_and_the_types_left_out(api, mapped, participant):
    member(mapped, stakeholder_type=StakeholderType.EXPERT)

    body = api.get(url(mapped)).json()

    assert body["groups"] == [
        {
            "stakeholder_type": "resident",
            "label": "Resident",
            "description": "Parents of pupils at Northbridge East",
            "target": 4,
            "invited": 0,
            "joined": 1,
            "active": 0,
            "missing": False,
        },
        {
            "stakeholder_type": "business",
            "label": "Business",
            "description": "Shops along the school route",
            "target": 2,
            "invited": 0,
            "joined": 0,
            "active": 0,
            "missing": True,
        },
    ]
    assert {row["stakeholder_type"]: row["joined"] for row in body["others"]} == {
        "public_employee": 1,
        "expert": 1,
    }


def test_the_convener_replaces_the_map(api, mapped, convener):
    api.force_authenticate(convener)

    response = api.put(
        url(mapped),
        {"groups": [{"stakeholder_type": "service_user", "description": "הורים 🚸", "target": 7}]},
        format="json",
    )

    assert response.status_code == 200
    assert [(g["stakeholder_type"], g["description"], g["target"]) for g in response.json()["groups"]] == [
        ("service_user", "הורים 🚸", 7)
    ]
    assert api.put(url(mapped), {"groups": []}, format="json").json()["groups"] == []


@pytest.mark.parametrize(
    ("groups", "field"),
    [
        ([{**PARENTS, "target": 0}], "groups.0.target"),
        ([PARENTS, {**SHOPS, "stakeholder_type": "martians"}], "groups.1.stakeholder_type"),
        ([PARENTS, {**PARENTS, "target": 9}], "groups.1.stakeholder_type"),
        ([{**PARENTS, "description": "x" * 301}], "groups.0.description"),
    ],
)
def test_bad_groups_are_a_400_naming_the_row_and_nothing_changes(api, mapped, convener, groups, field):
    api.force_authenticate(convener)

    response = api.put(url(mapped), {"groups": groups}, format="json")

    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "invalid"
    assert field in error["fields"]
    assert StakeholderGroup.objects.filter(arena=mapped).count() == 2


def test_a_body_without_groups_is_a_400(api, mapped, convener):
    api.force_authenticate(convener)
    response = api.put(url(mapped), {"groups": "all of them"}, format="json")
    assert response.status_code == 400
    assert any(name.startswith("groups") for name in response.json()["error"]["fields"])


def test_others_are_refused_with_the_policys_sentence(api, mapped, facilitator):
    assert api.put(url(mapped), {"groups": []}, format="json").status_code == 401
    api.force_authenticate(facilitator)

    response = api.put(url(mapped), {"groups": []}, format="json")

    assert response.status_code == 403
    assert (
        response.json()["error"]["message"]
        == "Only the arena's conveners declare which groups the arena needs."
    )
    assert StakeholderGroup.objects.filter(arena=mapped).count() == 2


def test_a_private_arena_is_a_404_to_outsiders_as_a_missing_one(api):
    private = ArenaFactory(visibility=Arena.Visibility.PRIVATE)
    api.force_authenticate(UserFactory())
    assert api.get(url(private)).status_code == 404
    assert api.put(url(private), {"groups": []}, format="json").status_code == 404
    assert api.get("/api/v1/arenas/no-such-arena/stakeholder-map/").json()["error"]["code"] == "not_found"


@pytest.mark.parametrize("size", [3, 40])
def test_get_costs_the_same_queries_at_two_sizes(api, mapped, django_assert_max_num_queries, size):
    for n in range(size):
        member(mapped, stakeholder_type=["resident", "business", "expert"][n % 3])
    with django_assert_max_num_queries(6):
        assert api.get(url(mapped)).status_code == 200
