import pytest

from arenas.deliberation.digest import busy_threads
from arenas.deliberation.models import Flag, Post, Thread
from arenas.digest import waiting_for_you
from arenas.models import Role
from tests.factories import ArenaFactory, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


def make_thread(arena, title, posts):
    thread = Thread.objects.create(
        arena=arena, title=title, post_count=posts, top_level_count=posts, last_number=posts
    )
    author = UserFactory()
    Post.objects.bulk_create(
        [Post(thread=thread, author=author, number=n, top_number=n, body="b") for n in range(1, posts + 1)]
    )
    return thread


def test_busy_threads_in_the_persons_arenas():
    arena = ArenaFactory(title="Safer school routes")
    reader = MembershipFactory(arena=arena).user
    make_thread(arena, "Crossing", 5)
    make_thread(arena, "Quiet", 1)
    make_thread(ArenaFactory(), "Elsewhere", 9)

    section = busy_threads(user=reader, notifications=[])

    assert section["title"] == "Busy threads"
    assert [i["text"] for i in section["items"]] == ["Safer school routes — Crossing: 5 new posts"]


def test_facilitators_wait_on_flags_and_long_threads_without_summary():
    arena = ArenaFactory(title="Seniors")
    facilitator = MembershipFactory(arena=arena, role=Role.FACILITATOR).user
    long = make_thread(arena, "Visiting service", 25)
    make_thread(arena, "Short", 3)
    Flag.objects.create(post=long.posts.first(), reporter=UserFactory(), reason="spam")

    texts = [i["text"] for i in waiting_for_you(user=facilitator, notifications=[])["items"]]

    assert texts == [
        "Seniors: 1 flag to review",
        "Seniors — “Visiting service” has 25 posts and no summary yet",
    ]
    assert waiting_for_you(user=MembershipFactory(arena=arena).user, notifications=[]) is None
