"""People, arenas and threads for the deliberation page tests."""

from arenas.deliberation.bulk import Shape, posts_bulk_create
from arenas.deliberation.models import Thread
from arenas.deliberation.services.threads import thread_create
from arenas.models import Role
from tests.arenas.pages_helpers import make_arena, make_people
from tests.factories import MembershipFactory, UserFactory

# Everyone the policy table names, in the order of its columns.
ROLES = [
    "anonymous",
    "outsider",
    "observer",
    "participant",
    "facilitator",
    "convener",
    "org_admin",
    "site_admin",
]


def people_with_observer():
    people = make_people()
    people.observer = UserFactory(display_name="Otto Observer")
    return people


def arena_for(people, **kwargs):
    """An arena with the people's participant, facilitator and convener, and an observer."""
    arena = make_arena(people, **kwargs)
    MembershipFactory(arena=arena, user=people.observer, role=Role.OBSERVER)
    return arena


def start_thread(arena, author, **kwargs) -> Thread:
    kwargs.setdefault("title", "Crossing at Ring Road")
    kwargs.setdefault("body", "Where do the children cross?")
    return thread_create(arena=arena, author=author, notify_members=False, **kwargs)


def bulk_posts(thread: Thread, size: int, authors: list) -> None:
    """``size`` posts the way bench_threads builds them (every fifth a reply, many authors, endorsements,
    every seventh edited)."""
    posts_bulk_create(thread, size, author_ids=[a.pk for a in authors], shape=Shape(edited_every=7))
