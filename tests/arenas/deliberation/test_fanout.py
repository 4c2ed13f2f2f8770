"""Telling a thread's followers and an arena's members after the commit, in batches: the action writes one
fan-out row; the expansion writes everyone's notification and email once, however often it runs."""

from collections import Counter
from datetime import timedelta
from unittest import mock

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from arenas.deliberation.services.posts import post_create
from arenas.deliberation.services.threads import thread_create
from arenas.models import Role
from arenas.services.arenas import arena_phase_set
from platform_core.notifications import fanout, services, tasks
from platform_core.notifications.models import EmailDelivery, Notification, NotificationEvent
from platform_core.notifications.services import notification_group_mute
from tests.factories import ArenaFactory, MembershipFactory, PhaseFactory

from .crowds import crowd

pytestmark = pytest.mark.django_db
User = get_user_model()


@pytest.fixture
def small_limits(monkeypatch, settings):
    """An audience past 5 is told after the commit, 4 people a batch."""
    monkeypatch.setattr(services, "INLINE_LIMIT", 5)
    settings.NOTIFICATIONS_FANOUT_BATCH = 4


@pytest.fixture
def arena():
    return ArenaFactory()


@pytest.fixture
def author(arena):
    return MembershipFactory(arena=arena, role=Role.PARTICIPANT).user


@pytest.fixture
def thread(arena, author):
    return thread_create(arena=arena, author=author, title="Crossing at Elm Street", notify_members=False)


def followed_posts():
    return Counter(
        Notification.objects.filter(event="deliberation.followed_post").values_list("recipient_id", flat=True)
    )


def test_a_large_audience_is_told_after_the_commit_each_person_once(
    small_limits, arena, author, thread, django_capture_on_commit_callbacks
):
    followers = crowd(arena, thread, 10, emailed=3)

    with mock.patch.object(tasks.expand_fanout, "apply_async") as queued:
        with django_capture_on_commit_callbacks() as callbacks:
            post_create(thread=thread, author=author, body="Can we close the road at 8?")
        # The action wrote one row to tell them, not ten, and queues its expansion only after the commit.
        assert followed_posts() == Counter()
        fan = NotificationEvent.objects.get()
        assert (fan.event, fan.audience, fan.actor_id) == (
            "deliberation.followed_post",
            "deliberation.followers",
            author.pk,
        )
        assert not queued.called
        for callback in callbacks:
            callback()
    queued.assert_called_once_with(args=(fan.pk,), kwargs={})

    told, finished = fanout.fanout_expand(fanout_id=fan.pk)

    assert (told, finished) == (10, True)
    assert followed_posts() == Counter(followers)  # the author is not told of their own post
    assert EmailDelivery.objects.filter(notification__recipient_id__in=followers[:3]).count() == 3
    assert EmailDelivery.objects.count() == 3
    assert not NotificationEvent.objects.exists()
    notice = Notification.objects.filter(recipient_id=followers[0]).get()
    assert notice.actor_name == author.name and notice.target_title == "Crossing at Elm Street"
    assert notice.data["excerpt"] == "Can we close the road at 8?"


def test_a_small_audience_is_told_in_the_action_itself(arena, author, thread):
    followers = crowd(arena, thread, 5)

    post_create(thread=thread, author=author, body="Small crowd")

    assert followed_posts() == Counter(followers)
    assert not NotificationEvent.objects.exists()


def test_an_expansion_run_again_or_twice_at_once_writes_nothing_twice(small_limits, arena, author, thread):
    followers = crowd(arena, thread, 10, emailed=10)
    post_create(thread=thread, author=author, body="Twice")
    fan = NotificationEvent.objects.get()

    assert fanout.fanout_expand_batch(fanout_id=fan.pk) == 4
    # A second task that read the row before the first moved its cursor on starts from the beginning.
    NotificationEvent.objects.filter(pk=fan.pk).update(told_through=0)
    assert fanout.fanout_expand(fanout_id=fan.pk) == (10, True)
    # A third, queued again by a redelivery, finds the fan-out gone.
    assert fanout.fanout_expand(fanout_id=fan.pk) == (0, True)

    assert followed_posts() == Counter(followers)
    assert Counter(EmailDelivery.objects.values_list("recipient_id", flat=True)) == Counter(followers)


def test_mutes_and_people_told_otherwise_are_left_out(small_limits, arena, author, thread):
    followers = crowd(arena, thread, 10)
    notification_group_mute(user=User.objects.get(pk=followers[0]), group_key=arena.group_key)
    parent = post_create(thread=thread, author=MembershipFactory(arena=arena).user, body="First")
    Notification.objects.all().delete()
    NotificationEvent.objects.all().delete()

    post_create(thread=thread, author=author, body="@crowd-1 replying", parent=parent)
    fanout.fanout_expand(fanout_id=NotificationEvent.objects.get().pk)

    # crowd-1 was mentioned (told once, as mentioned), crowd-0 muted the arena; the parent's author was
    # told of the reply, not as a follower.
    assert set(followed_posts()) == set(followers[2:])
    assert Notification.objects.get(recipient_id=followers[1]).event == "deliberation.mention"
    assert Notification.objects.filter(recipient=parent.author, event="deliberation.reply").count() == 1
    assert not Notification.objects.filter(recipient_id=followers[0]).exists()


def test_a_phase_change_tells_every_member_but_the_convener_after_the_commit(small_limits, arena):
    convener = MembershipFactory(arena=arena, role=Role.CONVENER).user
    members = [MembershipFactory(arena=arena).user.pk for _ in range(7)]
    MembershipFactory(arena=arena, banned=True)

    arena_phase_set(arena=arena, actor=convener, phase=PhaseFactory(arena=arena, name="Ideation"))
    assert not Notification.objects.exists()
    fanout.fanout_expand(fanout_id=NotificationEvent.objects.get().pk)

    told = Notification.objects.filter(event="arenas.phase_changed")
    assert sorted(told.values_list("recipient_id", flat=True)) == sorted(members)
    assert {n.target_title for n in told} == {f"{arena.title}: Ideation"}


def test_the_expansion_costs_the_same_queries_per_batch_at_any_size(small_limits, arena, author, thread):
    def queries_to_tell(n, prefix):
        Notification.objects.all().delete()
        crowd(arena, thread, n, prefix=prefix, emailed=n)
        post_create(thread=thread, author=author, body=f"To {n}")
        fan = NotificationEvent.objects.get()
        with CaptureQueriesContext(connection) as queries:
            assert fanout.fanout_expand(fanout_id=fan.pk)[1]
        return len(queries)

    # A batch: its savepoint and release, the lock, the audience, preferences, the two writes (the
    # notifications and the emails), the cursor; the empty batch that ends it: the lock, the audience and
    # the delete.
    assert queries_to_tell(8, "a") == 2 * 8 + 5  # 8 followers: 2 batches
    assert queries_to_tell(12, "b") == 5 * 8 + 5  # 20 followers: 5 batches


def test_the_sweeper_queues_again_a_fan_out_nobody_moved_on(
    small_limits, arena, author, thread, django_capture_on_commit_callbacks
):
    crowd(arena, thread, 10)
    post_create(thread=thread, author=author, body="Broker down")
    fan = NotificationEvent.objects.get()

    assert fanout.fanouts_requeue_stale() == []  # just written: its task may be on its way
    with django_capture_on_commit_callbacks() as callbacks:
        assert fanout.fanouts_requeue_stale(now=timezone.now() + timedelta(minutes=2)) == [fan.pk]
    assert len(callbacks) == 1
    # Queued again now: not again until another full minute passes.
    assert fanout.fanouts_requeue_stale(now=timezone.now() + timedelta(seconds=30)) == []
