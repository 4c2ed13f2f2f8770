"""People, arenas and threads for the deliberation page tests."""

from django.utils import timezone

from arenas.deliberation.models import Endorsement, Post, Thread
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
    """``size`` posts the way bench_threads builds them: every fifth is a reply to the post before it,
    with many authors and endorsements. Fast: a few bulk queries, whatever the size."""
    now = timezone.now()
    rows, top_number = [], 0
    for number in range(1, size + 1):
        is_top = number % 5 != 0
        top_number += 1 if is_top else 0
        rows.append(
            Post(
                thread=thread,
                author=authors[number % len(authors)],
                number=number,
                top_number=top_number if is_top else None,
                depth=0 if is_top else 1,
                body=f"Post {number}",
                body_html=f"<p>Post {number} with some <strong>text</strong>.</p>",
                created=now,
                endorsement_count=1 if number % 3 == 1 else 0,
                edited_at=now if number % 7 == 0 else None,
            )
        )
    Post.objects.bulk_create(rows, batch_size=500)
    by_number = dict(Post.objects.filter(thread=thread).values_list("number", "pk"))
    replies = [
        Post(pk=by_number[n], parent_id=by_number[n - 1], root_id=by_number[n - 1])
        for n in range(5, size + 1, 5)
    ]
    Post.objects.bulk_update(replies, ["parent", "root"], batch_size=500)
    Endorsement.objects.bulk_create(
        [Endorsement(post_id=by_number[n], user=authors[n % len(authors)]) for n in range(1, size + 1, 3)],
        batch_size=500,
        ignore_conflicts=True,
    )
    Thread.objects.filter(pk=thread.pk).update(post_count=size, top_level_count=top_number, last_number=size)
    thread.refresh_from_db()
