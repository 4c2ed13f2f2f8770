"""An arena's detail in the API and editing it: who gets a 404 in the error shape, what a facilitator, an
anonymous caller and a banned member see; conveners (not facilitators) edit, close and reopen, and what
is refused changes nothing; and the detail's query budget at 5 and 60 members and phases. Members,
invitations and joining are in test_api_membership.py."""

import pytest

from arenas.models import Role
from tests.arenas.api_helpers import NOT_FOUND, auth, member_of
from tests.factories import ArenaFactory, MembershipFactory, PhaseFactory, UserFactory

pytestmark = pytest.mark.django_db


def detail_url(arena_or_slug) -> str:
    return f"/api/v1/arenas/{getattr(arena_or_slug, 'slug', arena_or_slug)}/"


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


# --- query budget -------------------------------------------------------------------------------------------

DETAIL_BUDGET = 7  # token, arena, viewer's membership, phases, topics, org roles, stakeholder mix


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
