"""The permission matrix: every action of DESIGN.md's policy table × every role × every visibility × every
status, generated from the table itself (copied below as it stands in DESIGN.md section 3)."""

import pytest
from django.contrib.auth.models import AnonymousUser

from arenas.models import Arena, Role
from arenas.rules import can
from arenas.selectors import arenas_visible_to
from platform_core.organisations.models import OrganisationMember
from tests.factories import ArenaFactory, MembershipFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db

DESIGN_TABLE = """
| action | anonymous | signed-in non-member | observer | participant | facilitator | convener | org admin | site admin |
|---|---|---|---|---|---|---|---|---|
| see a public/restricted open arena | yes | yes | yes | yes | yes | yes | yes | yes |
| see a private arena (else 404) | no | no | yes | yes | yes | yes | yes | yes |
| see a draft arena (else 404) | no | no | no | no | no | yes | yes | yes |
| see who the members are (others see only counts) | no | no | yes | yes | yes | yes | yes | yes |
| join a public arena | — | yes | — | — | — | — | — | — |
| ask to join a restricted arena | — | yes | — | — | — | — | — | — |
| start a thread, post, react, create a prototype, give feedback | no | no | no | yes | yes | yes | yes | yes |
| flag a post | no | if they can see it | yes | yes | yes | yes | yes | yes |
| moderate (hide, lock, pin, summarise, ban, queue) | no | no | no | no | yes | yes | yes | yes |
| invite participants/observers, decide join requests, make join links | no | no | no | no | yes | yes | yes | yes |
| invite facilitators/conveners, change roles, remove members | no | no | no | no | no | yes | yes | yes |
| edit the arena, its phases and status | no | no | no | no | no | yes | yes | yes |
| decide adopted / scaled / abandoned | no | no | no | no | no | yes | yes | yes |
| see dashboard details, audit log, exports of a private arena | no | no | no | no | yes | yes | yes | yes |
"""

ROLES = [
    "anonymous",
    "signed-in non-member",
    "observer",
    "participant",
    "facilitator",
    "convener",
    "org admin",
    "site admin",
]

# Each table row → the permission that implements it, and when the row applies at all beyond "may see it":
# writes need a writable arena (closed and archived are read-only for everyone); joining needs the matching
# visibility and an open arena.
WRITABLE = {Arena.Status.DRAFT, Arena.Status.OPEN}
ROWS = {
    "see who the members are (others see only counts)": ("arenas.view_members", lambda v, s: True),
    "join a public arena": ("arenas.join_arena", lambda v, s: v == "public" and s == "open"),
    "ask to join a restricted arena": ("arenas.request_join", lambda v, s: v == "restricted" and s == "open"),
    "start a thread, post, react, create a prototype, give feedback": (
        "arenas.contribute",
        lambda v, s: s in WRITABLE,
    ),
    "flag a post": ("arenas.flag", lambda v, s: s in WRITABLE),
    "moderate (hide, lock, pin, summarise, ban, queue)": ("arenas.moderate", lambda v, s: s in WRITABLE),
    "invite participants/observers, decide join requests, make join links": (
        "arenas.invite_participants",
        lambda v, s: s in WRITABLE,
    ),
    "invite facilitators/conveners, change roles, remove members": (
        "arenas.manage_members",
        lambda v, s: s in WRITABLE,
    ),
    "edit the arena, its phases and status": ("arenas.change_arena", lambda v, s: s in WRITABLE),
    "decide adopted / scaled / abandoned": ("arenas.decide_prototype", lambda v, s: s in WRITABLE),
    "see dashboard details, audit log, exports of a private arena": (
        "arenas.view_insights",
        lambda v, s: True,
    ),
}


def parse_table(text):
    table = {}
    for line in text.strip().splitlines()[2:]:
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        table[cells[0]] = dict(zip(ROLES, cells[1:], strict=True))
    return table


TABLE = parse_table(DESIGN_TABLE)


def may_see(role, visibility, status):
    if status == "draft":
        return TABLE["see a draft arena (else 404)"][role] == "yes"
    if visibility == "private":
        return TABLE["see a private arena (else 404)"][role] == "yes"
    return TABLE["see a public/restricted open arena"][role] == "yes"


def expected(row, role, visibility, status):
    if not may_see(role, visibility, status):
        return False
    _permission, applies = ROWS[row]
    cell = TABLE[row][role]
    allowed = cell == "yes" or (cell == "if they can see it")
    return allowed and applies(visibility, status)


@pytest.fixture
def people():
    """One person per column of the table, for one organisation."""
    organisation = OrganisationFactory()
    org_admin = UserFactory()
    OrganisationMember.objects.create(
        organisation=organisation, user=org_admin, role=OrganisationMember.Role.ADMIN
    )
    return organisation, {
        "anonymous": AnonymousUser(),
        "signed-in non-member": UserFactory(),
        "observer": UserFactory(),
        "participant": UserFactory(),
        "facilitator": UserFactory(),
        "convener": UserFactory(),
        "org admin": org_admin,
        "site admin": UserFactory(is_staff=True, is_superuser=True),
    }


def arena_with_members(organisation, people, visibility, status):
    arena = ArenaFactory(organisation=organisation, visibility=visibility, status=status)
    for role in (Role.OBSERVER, Role.PARTICIPANT, Role.FACILITATOR, Role.CONVENER):
        MembershipFactory(arena=arena, user=people[role.value], role=role)
    return arena


def test_the_table_is_the_one_in_design_md():
    from pathlib import Path

    design = Path(__file__).resolve().parents[3] / "shared" / "DESIGN.md"
    if design.exists():
        for line in DESIGN_TABLE.strip().splitlines():
            assert line in design.read_text(), f"DESIGN.md changed: update this test's table\n{line}"
    assert set(ROWS) | {
        "see a public/restricted open arena",
        "see a private arena (else 404)",
        "see a draft arena (else 404)",
    } == set(TABLE)


@pytest.mark.parametrize("status", ["draft", "open", "closed", "archived"])
@pytest.mark.parametrize("visibility", ["public", "restricted", "private"])
def test_every_action_for_every_role(people, visibility, status):
    organisation, persons = people
    arena = arena_with_members(organisation, persons, visibility, status)

    wrong = []
    for role, user in persons.items():
        if can(user, "arenas.view_arena", arena) != may_see(role, visibility, status):
            wrong.append(("view", role, not may_see(role, visibility, status)))
        for row, (permission, _applies) in ROWS.items():
            want = expected(row, role, visibility, status)
            if can(user, permission, arena) != want:
                wrong.append((permission, role, want))

    assert wrong == [], f"{visibility}/{status}: (permission, role, expected) that disagree with the table"


@pytest.mark.parametrize("status", ["draft", "open", "closed", "archived"])
@pytest.mark.parametrize("visibility", ["public", "restricted", "private"])
def test_the_directory_query_agrees_with_the_policy(people, visibility, status):
    organisation, persons = people
    arena = arena_with_members(organisation, persons, visibility, status)

    for role, user in persons.items():
        listed = arenas_visible_to(user).filter(pk=arena.pk).exists()
        assert listed == may_see(role, visibility, status), (role, visibility, status)


def test_a_banned_member_is_a_non_member_who_cannot_rejoin(people):
    organisation, _persons = people
    for visibility in ("public", "private"):
        arena = ArenaFactory(organisation=organisation, visibility=visibility)
        banned = UserFactory()
        MembershipFactory(arena=arena, user=banned, role=Role.FACILITATOR, banned=True, ban_reason="spam")

        assert can(banned, "arenas.view_arena", arena) is (visibility == "public")
        assert not can(banned, "arenas.contribute", arena)
        assert not can(banned, "arenas.moderate", arena)
        assert not can(banned, "arenas.join_arena", arena)
        assert not can(banned, "arenas.view_members", arena)
        assert not arenas_visible_to(banned).filter(pk=arena.pk).exists() or visibility == "public"


def test_only_conveners_change_a_closed_arenas_status(people):
    organisation, persons = people
    arena = arena_with_members(organisation, persons, "public", "closed")

    allowed = {role for role, user in persons.items() if can(user, "arenas.change_status", arena)}

    assert allowed == {"convener", "org admin", "site admin"}


def test_the_policy_loads_the_viewers_membership_once(people, django_assert_num_queries):
    organisation, persons = people
    arena = arena_with_members(organisation, persons, "private", "open")
    arena = Arena.objects.get(pk=arena.pk)
    participant = persons["participant"]

    with django_assert_num_queries(2):  # the membership and the person's organisation roles
        for permission in ROWS.values():
            can(participant, permission[0], arena)
        can(participant, "arenas.view_arena", arena)
