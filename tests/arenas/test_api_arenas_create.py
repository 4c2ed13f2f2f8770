"""Creating an arena through the API: organisation staff open a draft and convene it, from a playbook if
they like; citizens, another organisation's staff and anonymous callers may not; an unknown organisation
or playbook, another organisation's playbook and a missing or blank title are 400s naming the field."""

import pytest

from arenas.models import Arena, Membership
from platform_core.organisations.models import OrganisationMember
from tests.arenas.api_helpers import LIST_URL, auth
from tests.factories import OrganisationFactory, OrganisationMemberFactory, PlaybookFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(org):
    return OrganisationMemberFactory(organisation=org, role=OrganisationMember.Role.STAFF).user


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
