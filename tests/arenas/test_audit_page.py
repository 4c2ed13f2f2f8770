"""``/arenas/<slug>/audit/``: conveners (and organisation and site admins) read their arena's log in plain
words; others are refused; a private arena is a 404 to non-members; the page costs the same at two sizes."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from arenas.models import Arena, Role
from platform_core.audit.services import audit_record
from tests.factories import ArenaFactory, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def arena():
    return ArenaFactory(title="Youth taskforce", visibility=Arena.Visibility.PRIVATE)


def member(arena, role, **user):
    return MembershipFactory(arena=arena, role=role, user=UserFactory(**user)).user


def record(arena, actor, n=1):
    membership = MembershipFactory(arena=arena, role=Role.PARTICIPANT, user__display_name="Ida")
    for _ in range(n):
        audit_record(
            actor=actor, action="membership.role_changed", target=membership, group_key=arena.group_key
        )


def test_a_convener_reads_who_did_what_in_plain_words(client, arena):
    convener = member(arena, Role.CONVENER, display_name="Clara Convener")
    record(arena, convener)
    audit_record(actor=convener, action="arena.updated", target=arena, group_key="arena:elsewhere")
    client.force_login(convener)

    page = client.get(f"/arenas/{arena.slug}/audit/").content.decode()

    assert "Clara Convener" in page and "changed a member&#x27;s role" in page
    assert "edited the arena" not in page  # another arena's entry


@pytest.mark.parametrize("role", [Role.FACILITATOR, Role.PARTICIPANT, Role.OBSERVER])
def test_members_below_convener_are_refused(client, arena, role):
    client.force_login(member(arena, role))

    assert client.get(f"/arenas/{arena.slug}/audit/").status_code == 403


def test_a_private_arena_is_not_found_for_non_members(client, arena):
    client.force_login(UserFactory())
    assert client.get(f"/arenas/{arena.slug}/audit/").status_code == 404
    client.logout()
    assert client.get(f"/arenas/{arena.slug}/audit/").status_code == 404


def queries(client, path):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 200
    return len(captured)


def test_the_page_costs_the_same_with_3_or_40_entries_by_many_people(client, arena):
    convener = member(arena, Role.CONVENER)
    client.force_login(convener)
    record(arena, convener, 3)
    few = queries(client, f"/arenas/{arena.slug}/audit/")
    for _ in range(12):
        record(arena, member(arena, Role.CONVENER), 3)

    assert queries(client, f"/arenas/{arena.slug}/audit/") == few
