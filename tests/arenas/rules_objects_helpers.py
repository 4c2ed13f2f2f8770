"""Shared by the object permission matrix (test_rules_objects*.py): DESIGN.md section 3's second table,
copied as it stands there, what each row's words expect, and the people and arena the rows are asked of."""

from dataclasses import dataclass
from itertools import count
from pathlib import Path

from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from arenas.deliberation.models import Post
from arenas.models import Arena, Role, Standing
from platform_core.organisations.models import OrganisationMember
from tests.factories import ArenaFactory, MembershipFactory, OrganisationFactory, UserFactory

DESIGN = Path(__file__).resolve().parents[3] / "shared" / "DESIGN.md"

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
LATER: dict[str, str] = {}

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
    "register for a session": "sessions",
    "see access needs, take attendance, enter offline feedback": "sessions",
    'decide on a thread, idea or prototype ("you said, we did")': "outcomes",
}


# --- the people and the arena --------------------------------------------------------------------------------

_numbers = count(1)


def next_number() -> int:
    return next(_numbers)


def build_world(visibility: str, status: str):
    """An open arena of ``visibility`` with one person of each role (a member for each arena role, a
    banned participant, the organisation's admin, a site admin) and a participant who writes; ``status``
    is what the arena is made once the objects are in it (``close_if``)."""
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
