"""The visibility tests' world, shared with the fallback's: in each of a public, a restricted, a private
and a draft arena, things found by "lantern"; someone in every role; what each role may find."""

from collections import Counter
from types import SimpleNamespace

from arenas.deliberation.services.posts import post_create, post_delete, post_hide
from arenas.deliberation.services.threads import thread_create
from arenas.models import Arena, Role
from arenas.prototypes.services.prototypes import prototype_create
from arenas.search import arena_index
from tests.arenas.pages_helpers import make_arena, make_people
from tests.factories import MembershipFactory, UserFactory

VISIBILITIES = ["public", "restricted", "private", "draft"]
ROLES = ["anonymous", "outsider", "participant", "facilitator", "convener", "org_admin", "site_admin"]
# Which arenas each role sees (DESIGN.md section 3, the first three rows).
SEES = {
    "anonymous": {"public", "restricted"},
    "outsider": {"public", "restricted"},
    "participant": {"public", "restricted", "private"},
    "facilitator": {"public", "restricted", "private"},
    "convener": set(VISIBILITIES),
    "org_admin": set(VISIBILITIES),
    "site_admin": set(VISIBILITIES),
}
MODERATES = {"facilitator", "convener", "org_admin", "site_admin"}
HYPOTHESIS = "We believe that lantern walks will result in safer routes; we will know when parents say so."


def make_scene():
    """In each arena, all found by "lantern": the arena, a thread, a post, a prototype; and a hidden
    post and a deleted one by a second participant (``author``)."""
    people = make_people()
    people.author = UserFactory(display_name="Aksel Author")
    arenas = {}
    for visibility in VISIBILITIES:
        fields = (
            {"status": Arena.Status.DRAFT, "visibility": Arena.Visibility.PUBLIC}
            if visibility == "draft"
            else {"visibility": visibility}
        )
        arena = make_arena(people, slug=visibility, title=f"Lantern arena {visibility}", **fields)
        MembershipFactory(arena=arena, user=people.author, role=Role.PARTICIPANT)
        arena_index(arena)
        writer = people.convener if visibility == "draft" else people.participant
        thread = thread_create(arena=arena, author=people.convener, title=f"Lantern thread {visibility}")
        post_create(thread=thread, author=writer, body=f"A lantern post in {visibility}.")
        prototype_create(
            arena=arena,
            creator=people.convener,
            title=f"Lantern prototype {visibility}",
            hypothesis=HYPOTHESIS,
        )
        if visibility != "draft":
            hidden = post_create(thread=thread, author=people.author, body="A lantern post, hiddenword.")
            post_hide(post=hidden, actor=people.facilitator, reason="Personal data")
            deleted = post_create(thread=thread, author=people.author, body="A lantern post, deletedword.")
            post_delete(post=deleted, actor=people.author)
        arenas[visibility] = arena
    return SimpleNamespace(people=people, arenas=arenas)


def person(scene, role):
    return getattr(scene.people, role)


def expected(role) -> Counter:
    found = Counter()
    for visibility in SEES[role]:
        for kind in ("arena", "thread", "post", "prototype"):
            found[(kind, visibility, False)] += 1
        if visibility != "draft" and role in MODERATES:
            found[("post", visibility, True)] += 1
    return found


LABELS = {"Arena": "arena", "Thread": "thread", "Post": "post", "Prototype": "prototype"}
