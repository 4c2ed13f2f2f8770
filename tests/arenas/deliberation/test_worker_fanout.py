"""A post to a thread's many followers with a real Celery worker over Redis, reading and writing
PostgreSQL: everyone is told and emailed exactly once — through a broker outage at the commit, a task
queued three times, and a worker killed in the middle of a batch."""

import threading
from collections import Counter
from datetime import timedelta

import pytest
from django.db import connection, transaction
from django.utils import timezone

from arenas.deliberation.services.posts import post_create
from arenas.deliberation.services.threads import thread_create
from arenas.models import Role
from platform_core.notifications.fanout import fanouts_requeue_stale
from platform_core.notifications.models import EmailDelivery, Notification, NotificationEvent
from platform_core.notifications.outbox import fanouts_queue
from tests.factories import ArenaFactory, MembershipFactory
from tests.platform_core.notifications.test_worker_delivery import sent_messages, wait_for
from tests.worker import broker_unreachable

from .crowds import crowd

pytestmark = pytest.mark.services

BATCH = "50"  # the worker tells 50 people a batch


@pytest.fixture
def scene(transactional_db):
    arena = ArenaFactory()
    author = MembershipFactory(arena=arena, role=Role.PARTICIPANT).user
    thread = thread_create(arena=arena, author=author, title="Crossing at Elm Street", notify_members=False)
    return arena, author, thread


def told():
    return Counter(
        Notification.objects.filter(event="deliberation.followed_post").values_list("recipient_id", flat=True)
    )


def post_while_the_broker_is_down(thread, author) -> NotificationEvent:
    with broker_unreachable(), transaction.atomic():
        post_create(thread=thread, author=author, body="Can we close the road at 8?")
    return NotificationEvent.objects.get()


def everyone_told_once(followers, emailed, mail_dir):
    assert told() == Counter(followers)
    assert EmailDelivery.objects.filter(status="sent").count() == len(emailed)
    emails = dict(
        Notification.objects.filter(recipient_id__in=emailed).values_list("recipient__email", "recipient_id")
    )
    assert sorted(to for _id, to in sent_messages(mail_dir)) == sorted(emails)


def test_a_broker_outage_and_a_doubled_task_tell_every_follower_once(celery_worker_factory, scene, tmp_path):
    arena, author, thread = scene
    mail_dir = tmp_path / "mail"
    worker = celery_worker_factory(mail_dir=mail_dir, extra_env={"NOTIFICATIONS_FANOUT_BATCH": BATCH})
    followers = crowd(arena, thread, 300, emailed=40)

    fan = post_while_the_broker_is_down(thread, author)
    # The post is in; telling its 300 followers waits in the outbox for the broker.
    assert told() == Counter()

    assert fanouts_requeue_stale(now=timezone.now() + timedelta(minutes=2)) == [fan.pk]
    with transaction.atomic():  # and a redelivery or two on top
        fanouts_queue([fan.pk, fan.pk])

    assert wait_for(
        lambda: (
            not NotificationEvent.objects.exists()
            and EmailDelivery.objects.filter(status="sent").count() >= 40
        ),
        timeout=120,
    ), worker.log()[-3000:]
    everyone_told_once(followers, followers[:40], mail_dir)


def test_a_worker_killed_in_the_middle_of_a_batch_tells_nobody_twice(celery_worker_factory, scene, tmp_path):
    arena, author, thread = scene
    mail_dir = tmp_path / "mail"
    env = {"NOTIFICATIONS_FANOUT_BATCH": BATCH}
    followers = crowd(arena, thread, 300, emailed=60)
    fan = post_while_the_broker_is_down(thread, author)

    # Another transaction holds the third batch's first notification key: the worker's insert of that
    # batch waits on it, with two batches committed — the moment to kill it.
    holding, release = threading.Event(), threading.Event()

    def hold_third_batch():
        try:
            with transaction.atomic():
                Notification.objects.create(
                    recipient_id=followers[100], fanout_id=fan.pk, event="held", verb="held", email_mode="off"
                )
                holding.set()
                release.wait(120)
                transaction.set_rollback(True)
        finally:
            connection.close()

    holder = threading.Thread(target=hold_third_batch)
    holder.start()
    try:
        assert holding.wait(30)
        doomed = celery_worker_factory(mail_dir=mail_dir, extra_env=env)
        with transaction.atomic():
            fanouts_queue([fan.pk])
        assert wait_for(lambda: sum(told().values()) == 100 and _waiting_on_a_lock()), doomed.log()[-3000:]
        doomed.kill()
    finally:
        release.set()
        holder.join()

    assert sum(told().values()) == 100  # the killed batch left nothing behind
    fresh = celery_worker_factory(mail_dir=mail_dir, extra_env=env)
    assert wait_for(lambda: fanouts_requeue_stale(now=timezone.now() + timedelta(minutes=2)) == [fan.pk])
    assert wait_for(
        lambda: (
            not NotificationEvent.objects.exists()
            and EmailDelivery.objects.filter(status="sent").count() >= 60
        ),
        timeout=120,
    ), fresh.log()[-3000:]
    everyone_told_once(followers, followers[:60], mail_dir)


def _waiting_on_a_lock() -> bool:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'"
        )
        return cursor.fetchone()[0] > 0
