"""A digest groups what happened by arena, then by thread, the busiest first and newest first within a
group; building it costs the same number of queries for 3 items as for 60."""

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from arenas.deliberation.services.posts import post_create
from arenas.deliberation.services.threads import thread_create
from arenas.models import Arena, Role
from platform_core.notifications import digests
from platform_core.notifications.emails import render_digest_email
from platform_core.notifications.models import DigestRun
from tests.arenas.members_helpers import deliver_emails
from tests.factories import ArenaFactory, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def reader():
    return UserFactory(display_name="Rita", time_zone="UTC")


def arena_with_threads(reader, title, posts_per_thread: dict[str, int], *writers):
    arena = ArenaFactory(title=title, status=Arena.Status.OPEN)
    MembershipFactory(arena=arena, user=reader, role=Role.PARTICIPANT)
    for writer in writers:
        MembershipFactory(arena=arena, user=writer, role=Role.PARTICIPANT)
    written = 0
    for thread_title, count in posts_per_thread.items():
        thread = thread_create(arena=arena, author=reader, title=thread_title)  # the reader follows it
        for n in range(count):
            writer = writers[written % len(writers)]  # a few posts each, within the posting rate
            post_create(thread=thread, author=writer, body=f"{thread_title}, point {n + 1}")
            written += 1
    return arena


def test_the_digest_groups_by_arena_then_thread_busiest_first(reader, mailoutbox):
    writer = UserFactory(display_name="Bo")
    arena_with_threads(reader, "Seniors", {"Visiting service": 1}, writer)
    arena_with_threads(reader, "Safer school routes", {"Lanterns": 1, "Crossing": 3}, writer)
    arena_with_threads(reader, "Parks", {"Benches": 2}, writer)

    call_command("send_digests", "--now", "--user", reader.email)

    content = digests.digest_content(DigestRun.objects.get(user=reader))
    assert [(g["label"], g["count"]) for g in content["groups"]] == [
        ("Safer school routes", 4),
        ("Parks", 2),
        ("Seniors", 1),
    ]
    safer = content["groups"][0]["subgroups"]
    assert [(s["label"], s["count"]) for s in safer] == [("Crossing", 3), ("Lanterns", 1)]
    assert [i.quote for i in safer[0]["items"]] == [
        "Crossing, point 3",
        "Crossing, point 2",
        "Crossing, point 1",
    ]

    text = deliver_emails(mailoutbox)[-1].body
    order = [
        text.index(s) for s in ("== Safer school routes ==", "* Crossing (3)", "* Lanterns", "== Parks ==")
    ]
    assert order == sorted(order)
    assert "Bo posted in a thread you follow" in text
    assert "> Crossing, point 3" in text


def build_digest_queries(reader, posts: int) -> int:
    writers = UserFactory.create_batch(max(1, posts // 3))
    threads = {f"Thread {n}": posts // 3 for n in range(3)}
    arena_with_threads(reader, "Safer school routes", threads, *writers)
    [run_id] = digests.digest_runs_create_now(user_ids=[reader.pk])
    digests.digest_build(run_id=run_id)
    run = DigestRun.objects.select_related("user").get(pk=run_id)
    with CaptureQueriesContext(connection) as queries:
        render_digest_email(run, digests.digest_content(run))
    assert run.notifications.count() == posts
    return len(queries)


@pytest.mark.parametrize("posts", [3, 60])
def test_building_a_digest_costs_the_same_queries_at_any_size(reader, posts):
    # notifications, the quotes' one check, the busy threads, the prototypes that moved (with their
    # memberships) and the upcoming sessions, the arenas the reader facilitates (read once for every
    # section that asks); nothing per item.
    assert build_digest_queries(reader, posts) <= 7
