"""The object permission matrix: DESIGN.md section 3's second table, "below the arena, on single objects",
copied below as it stands there. Each row has a reading — the permission(s) that implement it and what the
row's words expect — and is checked for every role × every object state (own/other, hidden/deleted/normal,
thread locked/open, arena open/closed, public/private, team member/lead/none, each role of a member, the
invited address owned or not) against ``arenas.policy.can``."""

from dataclasses import dataclass
from itertools import count
from pathlib import Path

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from arenas.deliberation.models import Post, Thread
from arenas.models import Arena, Role, Standing
from arenas.policy import can
from arenas.prototypes.models import Prototype, TeamMember
from arenas.rules import RoleChange
from platform_core.organisations.models import OrganisationMember
from tests.factories import (
    ArenaFactory,
    InvitationFactory,
    MembershipFactory,
    OrganisationFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

OBJECT_TABLE = """
| action on an object | who |
|---|---|
| edit a post | its author, while the thread is open |
| delete a post (soft) | its author; moderators hide instead |
| read a hidden post's text or its reason | its author and the arena's moderators; everyone else sees only that it is hidden, on every page, endpoint, email, export and search result |
| reply to a post | whoever may contribute; not to a hidden or deleted post; not in a locked thread |
| endorse a post | whoever may contribute; not their own post, not a hidden or deleted one, not in a locked thread |
| edit a thread | its author until someone else has posted; moderators always |
| work on a prototype (edit, rounds, indicators, move idea…evaluation) | its team, facilitators and up |
| manage a prototype's team (accept, remove, hand over the lead) | its lead, facilitators and up |
| change a member's role, ban or remove them | someone who outranks both the member's current and new role |
| accept an invitation | the account that owns the invited address (verified); anyone holding the link may decline |
| register for a session | members (observers too) while registration is open |
| see access needs, take attendance, enter offline feedback | facilitators and up |
| decide on a thread, idea or prototype ("you said, we did") | conveners |
"""

# Rows whose part of the platform is not built yet: their issues add them to this matrix.
LATER = {
    "register for a session": "sessions (issue 14)",
    "see access needs, take attendance, enter offline feedback": "sessions (issue 14)",
    'decide on a thread, idea or prototype ("you said, we did")': "outcomes (issue 15)",
}

ROLES = [
    "anonymous",
    "non-member",
    "banned",
    "observer",
    "participant",
    "facilitator",
    "convener",
    "org admin",
    "site admin",
]
STANDING = {
    "anonymous": Standing.NONE,
    "non-member": Standing.NONE,
    "banned": Standing.BANNED,
    "observer": Standing.OBSERVER,
    "participant": Standing.PARTICIPANT,
    "facilitator": Standing.FACILITATOR,
    "convener": Standing.CONVENER,
    "org admin": Standing.ORG_ADMIN,
    "site admin": Standing.SITE_ADMIN,
}
ARENAS = [("public", "open"), ("public", "closed"), ("private", "open"), ("private", "closed")]


def table_rows() -> dict[str, str]:
    rows = {}
    for line in OBJECT_TABLE.strip().splitlines()[2:]:
        action, who = (cell.strip() for cell in line.strip().strip("|").split("|"))
        rows[action] = who
    return rows


# --- what the words of the table expect ----------------------------------------------------------------------


@dataclass(frozen=True)
class Arena_:
    visibility: str
    status: str


def sees(role, arena: Arena_) -> bool:
    if arena.visibility == "public":
        return True
    return STANDING[role] >= Standing.OBSERVER


def signed_in(role) -> bool:
    return role != "anonymous"


def acts(role, arena) -> bool:
    """Anyone not banned, signed in, who sees the arena, while it is writable (arena writability and bans
    apply on top of every row)."""
    return sees(role, arena) and signed_in(role) and role != "banned" and arena.status == "open"


def contributes(role, arena) -> bool:
    """ "Whoever may contribute": participants and up (the arena table), in a writable arena."""
    return acts(role, arena) and STANDING[role] >= Standing.PARTICIPANT


def moderator(role) -> bool:
    """The arena's moderators, by role: facilitators and up."""
    return STANDING[role] >= Standing.FACILITATOR


def moderates(role, arena) -> bool:
    return acts(role, arena) and moderator(role)


def manages_members(role, arena) -> bool:
    return acts(role, arena) and STANDING[role] >= Standing.CONVENER


def expect_edit_post(role, arena, *, own, post_state, locked):
    return contributes(role, arena) and own and post_state == "normal" and not locked


def expect_delete_post(role, arena, *, own, post_state, locked):
    return acts(role, arena) and own and post_state != "deleted"


def expect_read_hidden(role, arena, *, own, post_state, locked):
    return sees(role, arena) and ((own and signed_in(role)) or moderator(role))


def expect_reply(role, arena, *, own, post_state, locked):
    return contributes(role, arena) and post_state == "normal" and not locked


def expect_endorse(role, arena, *, own, post_state, locked):
    return contributes(role, arena) and post_state == "normal" and not locked and not own


POST_ROWS = {
    "edit a post": ("deliberation.change_post", expect_edit_post),
    "delete a post (soft)": ("deliberation.delete_post", expect_delete_post),
    "read a hidden post's text or its reason": ("deliberation.read_hidden_post", expect_read_hidden),
    "reply to a post": ("deliberation.reply_to_post", expect_reply),
    "endorse a post": ("deliberation.endorse_post", expect_endorse),
}


def expect_edit_thread(role, arena, *, own, others_posted, locked):
    # "its author" writes as any contributor does, and a lock freezes the thread for its author too.
    author_may = own and contributes(role, arena) and not others_posted and not locked
    return author_may or moderates(role, arena)


def expect_work(role, arena, *, team):
    return (team in ("member", "lead") and contributes(role, arena)) or moderates(role, arena)


def expect_manage_team(role, arena, *, team):
    return (team == "lead" and contributes(role, arena)) or moderates(role, arena)


def outranks(role, member_role) -> bool:
    return STANDING[role] > Standing.of_role(member_role)


def expect_change_role(role, arena, *, current, new):
    return manages_members(role, arena) and outranks(role, current) and outranks(role, new)


def expect_ban(role, arena, *, current):
    return moderates(role, arena) and outranks(role, current)


def expect_remove(role, arena, *, current):
    return manages_members(role, arena) and outranks(role, current)


def expect_accept(role, *, address):
    return signed_in(role) and address == "owned, verified" and role != "banned"


READINGS = {
    **dict.fromkeys(POST_ROWS, "posts"),
    "edit a thread": "threads",
    "work on a prototype (edit, rounds, indicators, move idea…evaluation)": "prototypes",
    "manage a prototype's team (accept, remove, hand over the lead)": "prototypes",
    "change a member's role, ban or remove them": "members",
    "accept an invitation": "invitations",
}


def test_the_table_is_the_one_in_design_md():
    design = Path(__file__).resolve().parents[3] / "shared" / "DESIGN.md"
    if design.exists():
        text = design.read_text()
        for line in OBJECT_TABLE.strip().splitlines():
            assert line in text, f"DESIGN.md changed: update this test's table\n{line}"
    assert set(table_rows()) == set(READINGS) | set(LATER), "every row has a reading or waits for its part"


# --- the people and the arena --------------------------------------------------------------------------------

_numbers = count(1)


@pytest.fixture(params=ARENAS, ids=[f"{v}-{s}" for v, s in ARENAS])
def world(request):
    visibility, status = request.param
    organisation = OrganisationFactory()
    arena = ArenaFactory(organisation=organisation, visibility=visibility, status=Arena.Status.OPEN)
    people = {"anonymous": AnonymousUser()}
    for role in ROLES[1:]:
        people[role] = UserFactory(is_staff=role == "site admin", is_superuser=role == "site admin")
    for role in (Role.OBSERVER, Role.PARTICIPANT, Role.FACILITATOR, Role.CONVENER):
        MembershipFactory(arena=arena, user=people[role.value], role=role)
    MembershipFactory(arena=arena, user=people["banned"], role=Role.PARTICIPANT, banned=True, ban_reason="x")
    OrganisationMember.objects.create(
        organisation=organisation, user=people["org admin"], role=OrganisationMember.Role.ADMIN
    )
    people["writer"] = UserFactory()
    MembershipFactory(arena=arena, user=people["writer"], role=Role.PARTICIPANT)
    return arena, people, Arena_(visibility, status)


def close_if(arena, state: Arena_):
    if state.status == "closed":
        Arena.objects.filter(pk=arena.pk).update(status=Arena.Status.CLOSED)
    return Arena.objects.get(pk=arena.pk)


def fresh(people):
    """The same people without the standing cached on them by earlier questions."""
    return {
        role: person if not getattr(person, "pk", None) else type(person).objects.get(pk=person.pk)
        for role, person in people.items()
    }


def post_in(thread, author, state) -> Post:
    now = timezone.now()
    return Post.objects.create(
        thread=thread,
        author=author,
        number=next(_numbers),
        top_number=None,
        body="Text",
        body_html="<p>Text</p>",
        hidden_at=now if state == "hidden" else None,
        hidden_reason="Off-topic" if state == "hidden" else "",
        deleted_at=now if state == "deleted" else None,
    )


def disagreements(checks) -> list:
    return [case for case, got, want in checks if got != want]


# --- the matrix ----------------------------------------------------------------------------------------------


def test_posts(world):
    arena, people, state = world
    threads = {
        locked: Thread.objects.create(arena=arena, title="T", locked=locked) for locked in (False, True)
    }
    posts = []  # (author role or "other", locked, post state, post)
    for locked, thread in threads.items():
        for author_role in [*ROLES[1:], "writer"]:
            for post_state in ("normal", "hidden", "deleted"):
                posts.append(
                    (author_role, locked, post_state, post_in(thread, people[author_role], post_state))
                )
    arena = close_if(arena, state)
    people = fresh(people)
    checks = []
    for role in ROLES:
        viewer = people[role]
        for author_role, locked, post_state, post in posts:
            own = author_role == role and role != "anonymous"
            if not own and author_role != "writer":
                continue  # someone else's post: the writer's stands for all of them
            post.thread.arena = arena
            for row, (permission, expect) in POST_ROWS.items():
                if permission == "deliberation.read_hidden_post" and post_state != "hidden":
                    continue
                want = expect(role, state, own=own, post_state=post_state, locked=locked)
                got = can(viewer, permission, post)
                checks.append(((row, role, "own" if own else "other", post_state, locked), got, want))
    assert len(checks) > 400
    assert disagreements(checks) == []


def test_threads(world):
    arena, people, state = world
    cases = []
    for author_role in [*ROLES[1:], "writer"]:
        for locked in (False, True):
            for others_posted in (False, True):
                thread = Thread.objects.create(
                    arena=arena, title="T", author=people[author_role], locked=locked
                )
                post_in(thread, people[author_role], "normal")
                if others_posted:
                    post_in(
                        thread, people["participant" if author_role != "participant" else "writer"], "normal"
                    )
                cases.append((author_role, locked, others_posted, thread))
    arena = close_if(arena, state)
    people = fresh(people)
    checks = []
    for role in ROLES:
        for author_role, locked, others_posted, thread in cases:
            own = author_role == role and role != "anonymous"
            if not own and author_role != "writer":
                continue
            thread = Thread.objects.get(pk=thread.pk)
            thread.arena = arena
            want = expect_edit_thread(role, state, own=own, others_posted=others_posted, locked=locked)
            got = can(people[role], "deliberation.change_thread", thread)
            checks.append(((role, own, locked, others_posted), got, want))
    assert disagreements(checks) == []


def test_prototypes(world):
    arena, people, state = world
    cases = []
    for role in ROLES[1:]:
        for team in ("none", "member", "lead"):
            prototype = Prototype.objects.create(arena=arena, title="P", hypothesis="We believe…")
            writer_role = TeamMember.Role.MEMBER if team == "lead" else TeamMember.Role.LEAD
            TeamMember.objects.create(prototype=prototype, user=people["writer"], role=writer_role)
            if team != "none":
                TeamMember.objects.create(
                    prototype=prototype,
                    user=people[role],
                    role=TeamMember.Role.LEAD if team == "lead" else TeamMember.Role.MEMBER,
                )
            cases.append((role, team, prototype))
    arena = close_if(arena, state)
    people = fresh(people)
    checks = []
    for role in ROLES:
        for member_role, team, prototype in cases:
            relation = team if member_role == role else "none"
            if member_role != role and team != "none":
                continue
            prototype = Prototype.objects.get(pk=prototype.pk)
            prototype.arena = arena
            work = can(people[role], "prototypes.change_prototype", prototype)
            moves = can(people[role], "prototypes.move", prototype)
            manage = can(people[role], "prototypes.manage_team", prototype)
            checks.append(((role, relation, "work"), work, expect_work(role, state, team=relation)))
            checks.append(((role, relation, "move"), moves, expect_work(role, state, team=relation)))
            checks.append(((role, relation, "team"), manage, expect_manage_team(role, state, team=relation)))
    assert disagreements(checks) == []


def test_members(world):
    arena, people, state = world
    targets = {}
    for member_role in (Role.OBSERVER, Role.PARTICIPANT, Role.FACILITATOR, Role.CONVENER):
        targets[member_role.value] = MembershipFactory(arena=arena, user=UserFactory(), role=member_role)
    arena = close_if(arena, state)
    people = fresh(people)
    checks = []
    for role in ROLES:
        for current, membership in targets.items():
            membership.arena = arena
            ban = can(people[role], "arenas.ban_member", membership)
            remove = can(people[role], "arenas.remove_member", membership)
            checks.append(((role, current, "ban"), ban, expect_ban(role, state, current=current)))
            checks.append(((role, current, "remove"), remove, expect_remove(role, state, current=current)))
            for new in Role.values:
                got = can(people[role], "arenas.change_role", RoleChange(membership, new))
                want = expect_change_role(role, state, current=current, new=new)
                checks.append(((role, current, new), got, want))
    assert disagreements(checks) == []


def test_invitations(world):
    arena, people, state = world
    checks = []
    for role in ROLES:
        viewer = people[role]
        for address in ("owned, verified", "owned, not verified", "another"):
            if address == "another" or role == "anonymous":
                email = f"someone-else-{next(_numbers)}@example.org"
            else:
                email = f"second-{next(_numbers)}@example.org"
                EmailAddress.objects.create(user=viewer, email=email, verified=address == "owned, verified")
            invitation = InvitationFactory(arena=arena, email=email)
            invitation.arena = arena
            viewer = fresh({role: viewer})[role]
            got = can(viewer, "arenas.accept_invitation", invitation)
            want = expect_accept(role, address=address if role != "anonymous" else "another")
            checks.append(((role, address, "accept"), got, want))
            checks.append(
                ((role, address, "decline"), can(viewer, "arenas.decline_invitation", invitation), True)
            )
    assert disagreements(checks) == []
