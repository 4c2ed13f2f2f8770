"""Scale-out under faults: two web nodes (gunicorn, production settings) and a Celery worker on the test
database and Redis take a burst of posts over the REST API, from several clients alternating between the
nodes, while one node is killed with SIGKILL and the worker is killed in the middle of sending an email.

Afterwards, the after-run check (``arenas.deliberation.loadtest_check``) finds every post a client was told
was created (201) exactly once, and every email that fell due sent exactly once; the surviving node still
answers, and it never failed a request.

A client does as a load balancer's client sees it: a request that fails (refused, reset) was not accepted, and
is written again on the other node under a new marker.
"""

import threading
import time
import uuid
from dataclasses import dataclass, field
from datetime import timedelta

import pytest
import redis
from django.conf import settings
from django.utils import timezone
from rest_framework.authtoken.models import Token

from arenas.deliberation.loadtest_check import loadtest_check, outstanding_since
from arenas.deliberation.models import Post
from arenas.deliberation.services.threads import thread_create
from arenas.models import Role
from platform_core.notifications.delivery import (
    ORPHANED_SENDING_AFTER,
    STALE_PENDING_AFTER,
    deliveries_requeue_stale,
)
from platform_core.notifications.fanout import fanouts_requeue_stale
from platform_core.notifications.models import EmailDelivery
from tests.arenas.deliberation.crowds import crowd
from tests.embedded import wait_for
from tests.factories import ArenaFactory, MembershipFactory
from tests.web_nodes import NETWORK_ERRORS, WebNode, call
from tests.worker import SESSION_QUEUE

pytestmark = pytest.mark.services

CLIENTS = 4
POSTS_PER_CLIENT = 20  # under the 30 a minute a person may post
EMAILED_FOLLOWERS = 3  # each post is emailed to these at once
PAUSE_BETWEEN_POSTS = 0.1  # a client's think time: the burst lasts long enough to kill things in it
SLOW_MAIL_SECONDS = "2"  # the first worker takes this long per email: killed, it is caught mid-send


@dataclass
class Burst:
    """What the clients saw: the markers of the posts answered 201, the requests that failed on the
    network (by node port), and any other answer (which no client should get)."""

    accepted: list[str] = field(default_factory=list)
    failed_on: list[int] = field(default_factory=list)
    unexpected: list[tuple[int, object]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def accepted_count(self) -> int:
        with self.lock:
            return len(self.accepted)


def client(*, burst: Burst, token: str, thread_id: int, ports: list[int], first: int) -> None:
    """Write ``POSTS_PER_CLIENT`` posts (every third a reply to the client's previous one), each to the
    next node in turn; a request that fails on the network is written again on the other node."""
    turn, written, previous = first, 0, None
    path = f"/api/v1/threads/{thread_id}/posts/"
    while written < POSTS_PER_CLIENT:
        port = ports[turn % len(ports)]
        turn += 1
        for _attempt in range(len(ports) * 3):
            marker = uuid.uuid4().hex
            payload = {"body": f"Close Elm Street to cars at 8 [lt:{marker}]"}
            if previous is not None and written % 3 == 2:
                payload["parent"] = previous
            try:
                status, body = call(port, "POST", path, token=token, payload=payload)
            except NETWORK_ERRORS:
                with burst.lock:
                    burst.failed_on.append(port)
                port = ports[(ports.index(port) + 1) % len(ports)]
                continue
            if status == 201:
                with burst.lock:
                    burst.accepted.append(marker)
                previous = body["id"]
            else:
                with burst.lock:
                    burst.unexpected.append((status, body))
            break
        written += 1
        time.sleep(PAUSE_BETWEEN_POSTS)


@pytest.fixture
def web_nodes(celery_worker_factory, tmp_path):
    """Start web nodes on the test database and the workers' queue; all are stopped at the end (before the
    workers and the database's teardown)."""
    nodes = []
    rate_limit_prefix = f"scale-out-{uuid.uuid4().hex[:12]}"  # the nodes count together, apart from others

    def start(name: str) -> WebNode:
        node = WebNode(
            name=name, var_dir=tmp_path, queue=SESSION_QUEUE, rate_limit_prefix=rate_limit_prefix
        ).start()
        nodes.append(node)
        return node

    try:
        yield start
    finally:
        for node in nodes:
            node.stop()


@pytest.fixture
def scene(transactional_db):
    arena = ArenaFactory()
    authors = [MembershipFactory(arena=arena, role=Role.PARTICIPANT).user for _ in range(CLIENTS)]
    thread = thread_create(
        arena=arena, author=authors[0], title="Crossing at Elm Street", notify_members=False
    )
    crowd(arena, thread, EMAILED_FOLLOWERS, prefix="scale-follower", emailed=EMAILED_FOLLOWERS)
    return thread, [Token.objects.create(user=author).key for author in authors]


def queued_tasks() -> int:
    """Tasks waiting in the broker for a worker (not those a worker has taken)."""
    return redis.Redis.from_url(settings.CELERY_BROKER_URL).llen(SESSION_QUEUE)


def recover_what_the_dead_left(*, since, requeued: list[int]) -> bool:
    """Beat's sweeps, run now as they would run some minutes on: a delivery the killed worker left
    ``sending`` (orphaned after 30 s), the rest of the batch it was sending (``pending``, its task taken to
    the grave: stale after 3 min) and any whose task a killed web node never queued. True once nothing of
    the run is outstanding."""
    ahead = timezone.now() + STALE_PENDING_AFTER + ORPHANED_SENDING_AFTER + timedelta(seconds=5)
    requeued.extend(deliveries_requeue_stale(now=ahead))
    fanouts_requeue_stale(now=ahead)
    return not outstanding_since(since)


def test_a_web_node_and_a_worker_killed_in_a_burst_of_posts_lose_and_double_nothing(
    celery_worker_factory, web_nodes, scene, tmp_path
):
    thread, tokens = scene
    mail_dir = tmp_path / "mail"
    doomed_node, survivor = web_nodes("web-1"), web_nodes("web-2")
    doomed_node.wait_until_healthy()
    survivor.wait_until_healthy()
    slow_worker = celery_worker_factory(
        mail_dir=mail_dir,
        extra_env={
            "TEST_EMAIL_BACKEND": "tests.mail_backends.SlowFileBackend",
            "SLOW_MAIL_SECONDS": SLOW_MAIL_SECONDS,
        },
    )

    started = timezone.now()
    burst = Burst()
    ports = [doomed_node.port, survivor.port]
    clients = [
        threading.Thread(
            target=client,
            kwargs={"burst": burst, "token": token, "thread_id": thread.pk, "ports": ports, "first": i},
        )
        for i, token in enumerate(tokens)
    ]
    for c in clients:
        c.start()
    try:
        wait_for(lambda: burst.accepted_count() >= 10, timeout=60, what="the first posts")
        doomed_node.kill()
        wait_for(doomed_node.refuses_connections, timeout=10, what="the killed node to be gone")

        wait_for(
            lambda: EmailDelivery.objects.filter(status="sending").exists(),
            timeout=30,
            what="an email being sent",
        )
        slow_worker.kill()
        left_sending = set(EmailDelivery.objects.filter(status="sending").values_list("pk", flat=True))
        accepted_at_kills = burst.accepted_count()
        celery_worker_factory(mail_dir=mail_dir)
    finally:
        for c in clients:
            c.join(timeout=120)

    # The burst went on after both kills; the dead node's requests failed and were written on the survivor.
    assert burst.unexpected == []
    assert burst.accepted_count() > accepted_at_kills
    assert len(burst.accepted) == CLIENTS * POSTS_PER_CLIENT
    assert burst.failed_on, "no request ever reached the killed node"
    assert set(burst.failed_on) == {doomed_node.port}
    assert left_sending, "the worker was killed with no email in the middle of being sent"

    # The fresh worker takes every task the run queued; what it cannot send, the sweeps find.
    wait_for(lambda: queued_tasks() == 0, timeout=60, what="the fresh worker to take every queued task")
    requeued = []
    wait_for(
        lambda: recover_what_the_dead_left(since=started, requeued=requeued),
        timeout=90,
        what="every email of the run to go out",
    )
    assert left_sending <= set(requeued)

    report = loadtest_check(since=started, accepted=burst.accepted, mail_dir=mail_dir)
    assert report["posts_accepted"] == CLIENTS * POSTS_PER_CLIENT
    assert report["posts_found"] == report["posts_accepted"]
    assert report["posts_missing"] == report["posts_doubled"] == 0
    # Every follower emailed about every post written (those the killed node wrote but never answered too).
    assert report["emails_due"] == EMAILED_FOLLOWERS * Post.objects.filter(thread=thread).count()
    assert report["emails_sent_once"] == report["emails_due"]
    assert report["emails_doubled"] == report["emails_unsent_but_written"] == 0
    assert report["emails_stuck"] == report["emails_failed"] == report["emails_sent_not_written"] == 0

    status, body = call(survivor.port, "GET", f"/api/v1/threads/{thread.pk}/posts/", token=tokens[0])
    assert status == 200 and body["results"], body
    assert survivor.healthy()
