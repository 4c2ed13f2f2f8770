"""The arenas API: the list, creating an arena, its detail and editing it (members, invitations and joining
are in test_api_membership.py). Calls go through the test client with token authentication."""

import pytest
from rest_framework.authtoken.models import Token

from arenas.models import Arena, Membership, Role
from platform_core.organisations.models import OrganisationMember
from tests.factories import (
    ArenaFactory,
    MembershipFactory,
    OrganisationFactory,
    OrganisationMemberFactory,
    PhaseFactory,
    PlaybookFactory,
    TopicFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

LIST_URL = "/api/v1/arenas/"
NOT_FOUND = {"error": {"status": 404, "code": "not_found", "message": "Not found."}}


def detail_url(arena_or_slug) -> str:
    return f"/api/v1/arenas/{getattr(arena_or_slug, 'slug', arena_or_slug)}/"


def auth(user) -> dict:
    """Request headers that call as ``user`` with an API token."""
    token, _created = Token.objects.get_or_create(user=user)
    return {"HTTP_AUTHORIZATION": f"Token {token.key}"}


def member_of(arena, role=Role.PARTICIPANT, **fields):
    return MembershipFactory(arena=arena, role=role, **fields).user


def slugs(response) -> set[str]:
    assert response.status_code == 200, response.content
    return {item["slug"] for item in response.json()["results"]}


@pytest.fixture
def org():
    return OrganisationFactory(name="Northbridge Municipality", slug="northbridge-municipality")


@pytest.fixture
def arenas(org):
    """One arena of each kind that matters for who sees it."""
    make = lambda slug, **fields: ArenaFactory(organisation=org, slug=slug, title=slug.title(), **fields)  # noqa: E731
    return {
        "public": make("public", visibility=Arena.Visibility.PUBLIC),
        "restricted": make("restricted", visibility=Arena.Visibility.RESTRICTED),
        "private": make("private", visibility=Arena.Visibility.PRIVATE),
        "draft": make("draft", status=Arena.Status.DRAFT),
        "archived": make("archived", status=Arena.Status.ARCHIVED),
    }


@pytest.fixture
def staff(org):
    return OrganisationMemberFactory(organisation=org, role=OrganisationMember.Role.STAFF).user


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


# --- creating ------------------------------------------------------------------------------------------------


def new_arena(org, **fields):
    return {
        "organisation": org.slug,
        "title": "Loneliness among seniors",
        "problem_statement": "Many older residents go **days** without a conversation.",
        "visibility": "restricted",
        **fields,
    }


def test_organisation_staff_create_a_draft_arena_and_convene_it(client, org, staff):
    response = client.post(
        LIST_URL,
        new_arena(org, goals="A visit a week.", topics=["Health", "Ageing"]),
        content_type="application/json",
        **auth(staff),
    )

    assert response.status_code == 201, response.content
    body = response.json()
    assert body["slug"] == "loneliness-among-seniors"
    assert response["Location"] == "/api/v1/arenas/loneliness-among-seniors/"
    assert (body["status"], body["visibility"], body["your_role"]) == ("draft", "restricted", "convener")
    assert body["problem_statement_html"] == (
        "<p>Many older residents go <strong>days</strong> without a conversation.</p>"
    )
    assert body["topics"] == ["Ageing", "Health"]
    assert body["phases"][0]["name"] == "Framing the problem"
    assert body["permissions"]["arenas.change_arena"] is True
    arena = Arena.objects.get(slug="loneliness-among-seniors")
    assert Membership.objects.get(arena=arena).user == staff


def test_an_arena_can_start_from_a_playbook(client, org, staff):
    playbook = PlaybookFactory(slug="walk-the-block", phases=[{"name": "Walk the area", "days": 7}])

    response = client.post(
        LIST_URL, new_arena(org, playbook=playbook.slug), content_type="application/json", **auth(staff)
    )

    assert response.status_code == 201
    assert [p["name"] for p in response.json()["phases"]] == ["Walk the area"]


def test_a_citizen_may_not_create_an_arena(client, org):
    response = client.post(LIST_URL, new_arena(org), content_type="application/json", **auth(UserFactory()))

    assert response.status_code == 403
    error = response.json()["error"]
    assert error["code"] == "permission_denied"
    assert (
        error["message"] == "Only the staff and admins of Northbridge Municipality can create arenas for it."
    )
    assert not Arena.objects.exists()


def test_staff_of_another_organisation_may_not_create_one_for_this_one(client, org):
    stranger = OrganisationMemberFactory(organisation=OrganisationFactory()).user

    response = client.post(LIST_URL, new_arena(org), content_type="application/json", **auth(stranger))

    assert response.status_code == 403


def test_anonymous_callers_must_sign_in_to_create(client, org):
    response = client.post(LIST_URL, new_arena(org), content_type="application/json")

    assert response.status_code == 401
    assert response.json()["error"]["code"] == "not_authenticated"


def test_an_unknown_organisation_is_a_400_naming_the_field(client, org, staff):
    response = client.post(
        LIST_URL, new_arena(org, organisation="atlantis"), content_type="application/json", **auth(staff)
    )

    assert response.status_code == 400
    error = response.json()["error"]
    assert error["fields"] == {"organisation": ["There is no organisation “atlantis”."]}


def test_a_missing_title_is_a_400_naming_the_field(client, org, staff):
    payload = new_arena(org)
    del payload["title"]

    response = client.post(LIST_URL, payload, content_type="application/json", **auth(staff))

    assert response.status_code == 400
    assert set(response.json()["error"]["fields"]) == {"title"}


def test_a_blank_title_is_refused_by_the_service_with_the_field_named(client, org, staff):
    response = client.post(
        LIST_URL, new_arena(org, title="   "), content_type="application/json", **auth(staff)
    )

    assert response.status_code == 400
    assert set(response.json()["error"]["fields"]) == {"title"}


def test_an_unknown_playbook_or_another_organisations_playbook_is_a_400(client, org, staff):
    theirs = PlaybookFactory(slug="theirs", organisation=OrganisationFactory())

    for slug in ["nope", theirs.slug]:
        response = client.post(
            LIST_URL, new_arena(org, playbook=slug), content_type="application/json", **auth(staff)
        )

        assert response.status_code == 400
        assert set(response.json()["error"]["fields"]) == {"playbook"}
    assert not Arena.objects.exists()


# --- the detail ------------------------------------------------------------------------------------------------


def test_a_private_arena_is_a_404_in_the_error_shape_to_outsiders_and_non_member_citizens(client, arenas):
    citizen = member_of(arenas["public"])  # a citizen of another arena, not of this one
    url = detail_url(arenas["private"])

    for headers in [{}, auth(UserFactory()), auth(citizen)]:
        response = client.get(url, **headers)

        assert response.status_code == 404
        assert response.json() == NOT_FOUND
    assert client.get(detail_url("no-such-arena")).json() == NOT_FOUND


def test_a_draft_is_a_404_to_its_participants(client, arenas):
    participant = member_of(arenas["draft"])

    assert client.get(detail_url(arenas["draft"]), **auth(participant)).json() == NOT_FOUND


def test_a_facilitator_sees_the_private_arena_in_detail(client, arenas):
    arena = arenas["private"]
    facilitator = member_of(arena, Role.FACILITATOR, stakeholder_type="public_employee")
    member_of(arena, stakeholder_type="resident")
    member_of(arena, stakeholder_type="resident")
    member_of(arena, banned=True)
    PhaseFactory(arena=arena, order=1, name="Ideation")

    response = client.get(detail_url(arena), **auth(facilitator))

    assert response.status_code == 200
    body = response.json()
    assert body["your_role"] == "facilitator"
    assert body["member_count"] == 3
    assert body["problem_statement"] == arena.problem_statement
    assert body["problem_statement_html"] == arena.problem_statement_html
    assert (body["goals"], body["scope"]) == ("Fewer cars at the school gate.", "Northbridge east")
    assert body["phases"] == [
        {"name": "Framing the problem", "start_date": None, "end_date": None, "current": True},
        {"name": "Ideation", "start_date": None, "end_date": None, "current": False},
    ]
    assert body["stakeholder_mix"] == [
        {"type": "resident", "label": "Resident", "count": 2},
        {"type": "public_employee", "label": "Public employee", "count": 1},
    ]
    allowed = {name for name, yes in body["permissions"].items() if yes}
    assert allowed == {
        "arenas.view_arena",
        "arenas.view_members",
        "arenas.leave_arena",
        "arenas.contribute",
        "arenas.flag",
        "arenas.moderate",
        "arenas.invite_participants",
        "arenas.view_insights",
    }


def test_anonymous_callers_read_a_public_arena_and_may_do_nothing_else(client, arenas):
    body = client.get(detail_url(arenas["public"])).json()

    assert body["your_role"] is None
    assert {name for name, yes in body["permissions"].items() if yes} == {"arenas.view_arena"}


def test_a_banned_member_sees_a_public_arena_with_the_role_banned(client, arenas):
    banned = member_of(arenas["public"], banned=True)

    body = client.get(detail_url(arenas["public"]), **auth(banned)).json()

    assert body["your_role"] == "banned"
    assert body["permissions"]["arenas.join_arena"] is False


# --- editing -----------------------------------------------------------------------------------------------


def patch(client, arena, payload, user):
    return client.patch(detail_url(arena), payload, content_type="application/json", **auth(user))


def test_a_convener_edits_the_arena_and_markdown_is_sanitised(client, arenas):
    arena = arenas["public"]
    convener = member_of(arena, Role.CONVENER)

    response = patch(
        client,
        arena,
        {
            "title": "Safe routes to school",
            "problem_statement": "Cars *everywhere* <script>alert(1)</script>",
            "topics": ["Mobility"],
            "visibility": "restricted",
        },
        convener,
    )

    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["title"], body["visibility"], body["topics"]) == (
        "Safe routes to school",
        "restricted",
        ["Mobility"],
    )
    assert "<script>" not in body["problem_statement_html"]
    assert "<em>everywhere</em>" in body["problem_statement_html"]
    arena.refresh_from_db()
    assert arena.title == "Safe routes to school"


def test_a_facilitator_may_not_edit_the_arena(client, arenas):
    arena = arenas["public"]
    facilitator = member_of(arena, Role.FACILITATOR)

    response = patch(client, arena, {"title": "Mine now"}, facilitator)

    assert response.status_code == 403
    assert "conveners" in response.json()["error"]["message"]
    arena.refresh_from_db()
    assert arena.title == "Public"


def test_editing_a_private_arena_is_a_404_to_outsiders_and_a_401_to_anonymous_callers(client, arenas):
    assert patch(client, arenas["private"], {"title": "x"}, UserFactory()).json() == NOT_FOUND
    response = client.patch(detail_url(arenas["private"]), {"title": "x"}, content_type="application/json")
    assert response.status_code == 401


def test_a_convener_closes_the_arena_which_then_is_read_only_until_reopened(client, arenas):
    arena = arenas["public"]
    convener = member_of(arena, Role.CONVENER)
    member_of(arena)

    closed = patch(client, arena, {"status": "closed"}, convener)
    edit_while_closed = patch(client, arena, {"title": "Later"}, convener)
    reopened = patch(client, arena, {"status": "open", "title": "Reopened"}, convener)

    assert closed.status_code == 200
    assert closed.json()["status"] == "closed"
    assert closed.json()["permissions"]["arenas.change_arena"] is False
    assert edit_while_closed.status_code == 403
    assert reopened.status_code == 403  # the title cannot change while it is closed
    assert patch(client, arena, {"status": "open"}, convener).json()["status"] == "open"


def test_the_facilitator_may_not_change_the_status(client, arenas):
    arena = arenas["public"]

    response = patch(client, arena, {"status": "closed"}, member_of(arena, Role.FACILITATOR))

    assert response.status_code == 403
    arena.refresh_from_db()
    assert arena.status == "open"


def test_a_status_change_the_lifecycle_does_not_allow_is_a_400(client, arenas):
    arena = arenas["public"]

    response = patch(client, arena, {"status": "draft"}, member_of(arena, Role.CONVENER))

    assert response.status_code == 400
    assert "cannot go from" in response.json()["error"]["message"]


def test_unknown_or_no_fields_are_a_400(client, arenas):
    arena = arenas["public"]
    convener = member_of(arena, Role.CONVENER)

    unknown = patch(client, arena, {"slug": "mine"}, convener)
    empty = patch(client, arena, {}, convener)

    assert unknown.status_code == 400
    assert set(unknown.json()["error"]["fields"]) == {"slug"}
    assert empty.status_code == 400
    arena.refresh_from_db()
    assert arena.slug == "public"


def test_a_blank_title_is_a_400_and_changes_nothing(client, arenas):
    arena = arenas["public"]

    response = patch(client, arena, {"title": "", "scope": "All of it"}, member_of(arena, Role.CONVENER))

    assert response.status_code == 400
    assert set(response.json()["error"]["fields"]) == {"title"}
    arena.refresh_from_db()
    assert arena.scope == "Northbridge east"


# --- query budgets -------------------------------------------------------------------------------------------

LIST_BUDGET_ANONYMOUS = 3  # the count, the page, its topics
LIST_BUDGET_SIGNED_IN = 4  # + the token
DETAIL_BUDGET = 7  # token, arena, viewer's membership, phases, topics, org roles, stakeholder mix


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


@pytest.mark.parametrize("count", [5, 60])
def test_the_detail_runs_the_same_queries_for_5_and_60_members_and_phases(
    client, org, count, django_assert_max_num_queries
):
    arena = ArenaFactory(organisation=org)
    facilitator = member_of(arena, Role.FACILITATOR)
    MembershipFactory.create_batch(count, arena=arena)
    for order in range(1, count + 1):
        PhaseFactory(arena=arena, order=order)
    headers = auth(facilitator)

    with django_assert_max_num_queries(DETAIL_BUDGET):
        response = client.get(detail_url(arena), **headers)

    assert response.json()["member_count"] == count + 1
    assert len(response.json()["phases"]) == count + 1


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
