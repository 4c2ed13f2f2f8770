"""The arenas API's list: who sees which arenas (archived ones only when asked for), what an item carries,
paging, the filters and a 400 for an unknown filter value; its query budget at 5 and 40 arenas; and the
OpenAPI schema of every arena endpoint. Calls go through the test client with token authentication."""

import pytest

from arenas.models import Arena, Role
from platform_core.organisations.models import OrganisationMember
from tests.arenas.api_helpers import LIST_URL, auth, member_of
from tests.factories import (
    ArenaFactory,
    MembershipFactory,
    OrganisationFactory,
    OrganisationMemberFactory,
    TopicFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def slugs(response) -> set[str]:
    assert response.status_code == 200, response.content
    return {item["slug"] for item in response.json()["results"]}


@pytest.fixture
def site_admin():
    return UserFactory(is_superuser=True, is_staff=True)


# --- the list ------------------------------------------------------------------------------------------------


def test_anonymous_callers_and_outsiders_see_public_and_restricted_open_arenas_only(client, arenas):
    assert slugs(client.get(LIST_URL)) == {"public", "restricted"}
    assert slugs(client.get(LIST_URL, **auth(UserFactory()))) == {"public", "restricted"}


def test_members_also_see_their_private_arena_and_conveners_their_draft(client, arenas):
    citizen = member_of(arenas["private"])
    convener = member_of(arenas["draft"], Role.CONVENER)
    draft_participant = member_of(arenas["draft"])

    assert slugs(client.get(LIST_URL, **auth(citizen))) == {"public", "restricted", "private"}
    assert slugs(client.get(LIST_URL, **auth(convener))) == {"public", "restricted", "draft"}
    assert slugs(client.get(LIST_URL, **auth(draft_participant))) == {"public", "restricted"}


def test_site_admins_and_org_admins_see_everything_but_the_archive(client, arenas, org, site_admin):
    org_admin = OrganisationMemberFactory(organisation=org, role=OrganisationMember.Role.ADMIN).user
    everything = {"public", "restricted", "private", "draft"}

    assert slugs(client.get(LIST_URL, **auth(site_admin))) == everything
    assert slugs(client.get(LIST_URL, **auth(org_admin))) == everything


def test_archived_arenas_are_listed_only_when_asked_for(client, arenas):
    assert slugs(client.get(LIST_URL, {"status": "archived"})) == {"archived"}


def test_a_list_item_carries_what_a_directory_needs(client, org):
    arena = ArenaFactory(organisation=org, title="Safer school routes", slug="safer-school-routes")
    arena.topics.set([TopicFactory(name="Mobility"), TopicFactory(name="Schools")])
    MembershipFactory.create_batch(3, arena=arena)
    MembershipFactory(arena=arena, banned=True)

    [item] = client.get(LIST_URL).json()["results"]

    created = item.pop("created")
    assert created.startswith(str(arena.created.year))
    assert item == {
        "slug": "safer-school-routes",
        "title": "Safer school routes",
        "organisation": {"slug": "northbridge-municipality", "name": "Northbridge Municipality"},
        "visibility": "public",
        "status": "open",
        "current_phase": "Framing the problem",
        "topics": ["Mobility", "Schools"],
        "member_count": 3,
        "url": "http://testserver/arenas/safer-school-routes/",
    }


def test_the_list_is_paginated(client, org):
    ArenaFactory.create_batch(3, organisation=org)

    body = client.get(LIST_URL, {"page_size": 2}).json()

    assert body["count"] == 3
    assert len(body["results"]) == 2
    assert body["next"].endswith("page=2&page_size=2")
    assert body["previous"] is None


def test_filters_by_words_organisation_status_and_visibility(client, arenas, site_admin):
    other = ArenaFactory(
        organisation=OrganisationFactory(slug="eastham"), slug="eastham-parks", title="Parks for everyone"
    )
    headers = auth(site_admin)

    assert slugs(client.get(LIST_URL, {"q": "parks"}, **headers)) == {"eastham-parks"}
    assert slugs(client.get(LIST_URL, {"organisation": "eastham"}, **headers)) == {other.slug}
    assert slugs(client.get(LIST_URL, {"visibility": "restricted"}, **headers)) == {"restricted"}
    assert slugs(client.get(LIST_URL, {"status": "draft"}, **headers)) == {"draft"}
    assert slugs(client.get(LIST_URL, {"status": "draft"})) == set()


def test_an_unknown_filter_value_is_a_400_naming_the_parameter(client):
    response = client.get(LIST_URL, {"status": "sleeping"})

    assert response.status_code == 400
    assert set(response.json()["error"]["fields"]) == {"status"}


# --- query budgets -------------------------------------------------------------------------------------------

LIST_BUDGET_ANONYMOUS = 3  # the count, the page, its topics
LIST_BUDGET_SIGNED_IN = 4  # + the token


def arenas_with_members(org, count):
    topics = [TopicFactory(name="Mobility"), TopicFactory(name="Schools")]
    for n in range(count):
        arena = ArenaFactory(
            organisation=org, visibility=[Arena.Visibility.PUBLIC, Arena.Visibility.PRIVATE][n % 2]
        )
        arena.topics.set(topics)
        MembershipFactory.create_batch(2, arena=arena)


@pytest.mark.parametrize("count", [5, 40])
def test_the_list_runs_the_same_queries_for_5_and_40_arenas(
    client, org, site_admin, count, django_assert_max_num_queries
):
    arenas_with_members(org, count)
    headers = auth(UserFactory())
    admin_headers = auth(site_admin)

    with django_assert_max_num_queries(LIST_BUDGET_ANONYMOUS):
        anonymous = client.get(LIST_URL, {"page_size": 100})
    with django_assert_max_num_queries(LIST_BUDGET_SIGNED_IN):
        signed_in = client.get(LIST_URL, {"page_size": 100}, **headers)
    with django_assert_max_num_queries(LIST_BUDGET_SIGNED_IN):
        admin = client.get(LIST_URL, {"page_size": 100}, **admin_headers)

    assert len(anonymous.json()["results"]) == len(signed_in.json()["results"]) == (count + 1) // 2
    assert len(admin.json()["results"]) == count


# --- the schema ------------------------------------------------------------------------------------------------


def test_the_schema_describes_every_arena_endpoint_and_still_validates(client):
    from openapi_spec_validator import validate

    schema = client.get("/api/schema/", {"format": "json"}).json()

    validate(schema)
    paths = schema["paths"]
    assert set(paths["/api/v1/arenas/"]) >= {"get", "post"}
    assert set(paths["/api/v1/arenas/{slug}/"]) >= {"get", "patch"}
    for path in [
        "/api/v1/arenas/{slug}/members/",
        "/api/v1/arenas/{slug}/invitations/",
        "/api/v1/arenas/{slug}/join/",
        "/api/v1/arenas/{slug}/join-requests/",
        "/api/v1/arenas/{slug}/join-requests/{id}/decision/",
    ]:
        assert path in paths
    create = paths["/api/v1/arenas/"]["post"]
    assert create["requestBody"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/ArenaCreateRequest"
    }
    assert create["responses"]["201"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/ArenaDetail"
    }
    assert create["responses"]["403"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/Error"
    }
    join = paths["/api/v1/arenas/{slug}/join/"]["post"]["responses"]
    assert {"201", "202", "409"} <= set(join)
