"""The object permission matrix, part one: DESIGN.md section 3's second table, "below the arena, on single
objects" (copied in ``rules_objects_helpers``), each row with its reading — the permission(s) that implement
it and what the row's words expect — checked for every role × every object state against
``arenas.policy.can``. Here: the table itself, posts and threads (own/other, hidden/deleted/normal, thread
locked/open, someone else posted or not, arena open/closed, public/private)."""

import pytest

from arenas.deliberation.models import Thread
from arenas.policy import can
from tests.arenas.rules_objects_helpers import (
    ARENAS,
    DESIGN,
    LATER,
    OBJECT_TABLE,
    POST_ROWS,
    READINGS,
    ROLES,
    build_world,
    close_if,
    disagreements,
    expect_edit_thread,
    fresh,
    post_in,
    table_rows,
)

pytestmark = pytest.mark.django_db


def test_the_table_is_the_one_in_design_md():
    if DESIGN.exists():
        text = DESIGN.read_text()
        for line in OBJECT_TABLE.strip().splitlines():
            assert line in text, f"DESIGN.md changed: update this test's table\n{line}"
    assert set(table_rows()) == set(READINGS) | set(LATER), "every row has a reading or waits for its part"


@pytest.fixture(params=ARENAS, ids=[f"{v}-{s}" for v, s in ARENAS])
def world(request):
    return build_world(*request.param)


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
