"""Redis is a dependency, not a single point of failure for people. With a Redis of its own (started here,
stopped and started again mid-test): while it is down, signing in, getting a token and posting (API and
page) still work, the invitations sent meanwhile wait in the outbox; once it is back, the same Celery worker
reconnects by itself and every email due is sent exactly once."""

import shutil
import socket
import subprocess
from datetime import timedelta

import pytest
import redis
from django.db import transaction
from django.utils import timezone

from arenas.deliberation.services.threads import thread_create
from arenas.models import Arena, Role
from cocreate.celery import app as celery_app
from platform_core.notifications.delivery import deliveries_requeue_stale
from platform_core.notifications.models import EmailDelivery
from platform_core.notifications.services import notify
from tests.factories import PASSWORD, ArenaFactory, MembershipFactory, UserFactory
from tests.platform_core.notifications.test_worker_delivery import sent_messages, wait_for
from tests.worker import SESSION_QUEUE, _reset_broker_pools

pytestmark = pytest.mark.services


class OwnRedis:
    """A redis-server of this test's own on a free port, without persistence. ``stop()`` and ``start()``
    end and start only that process."""

    def __init__(self, log_path):
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.log_path = log_path
        self.process: subprocess.Popen | None = None

    def start(self) -> "OwnRedis":
        command = [shutil.which("redis-server"), "--port", str(self.port), "--bind", "127.0.0.1"]
        command += ["--save", "", "--appendonly", "no", "--logfile", str(self.log_path)]
        self.process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        assert wait_for(self.answers, timeout=10), "the test's redis-server did not start"
        return self

    def answers(self) -> bool:
        try:
            return redis.Redis.from_url(self.url, socket_connect_timeout=0.5).ping()
        except redis.RedisError:
            return False

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)
        assert not self.answers()


def broker_drained(url: str) -> bool:
    """Nothing waits in the test queue's lists and nothing is delivered but unacknowledged."""
    client = redis.Redis.from_url(url)
    waiting = sum(
        client.llen(key) for key in client.scan_iter(f"{SESSION_QUEUE}*") if client.type(key) == b"list"
    )
    return waiting == 0 and client.hlen("unacked") == 0


@pytest.fixture
def own_redis(tmp_path):
    if shutil.which("redis-server") is None:
        from tests.conftest import require_or_skip

        require_or_skip("the Redis outage test needs redis-server")
    server = OwnRedis(tmp_path / "redis.log").start()
    yield server
    server.stop()


@pytest.fixture
def on_own_redis(own_redis, settings):
    """This process's cache, rate limits, allauth's limits and Celery's broker on the test's Redis."""
    settings.REDIS_URL = own_redis.url
    settings.CACHES = {
        "default": {
            "BACKEND": "platform_core.cache.FailOpenRedisCache",
            "LOCATION": own_redis.url,
            "KEY_PREFIX": "outage-test",
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
    settings.ACCOUNT_RATE_LIMITS = {"login": "30/m/ip", "login_failed": "10/m/ip,5/5m/key"}
    previous = celery_app.conf.broker_url
    celery_app.conf.broker_url = own_redis.url
    _reset_broker_pools()
    yield own_redis
    celery_app.conf.broker_url = previous
    _reset_broker_pools()


def test_people_get_through_a_redis_outage_and_the_worker_resumes_by_itself(
    on_own_redis, celery_worker_factory, client, tmp_path
):
    redis_server = on_own_redis
    mail_dir = tmp_path / "mail"
    # A slow mail server: a message is being sent (delivered to the worker, not yet acknowledged) when
    # Redis goes away, the case in which kombu's restore_unacked used to bring the worker down.
    worker = celery_worker_factory(
        mail_dir=mail_dir,
        extra_env={"TEST_EMAIL_BACKEND": "tests.mail_backends.SlowFileBackend", "SLOW_MAIL_SECONDS": "3"},
    )
    arena = ArenaFactory(visibility=Arena.Visibility.PUBLIC)
    citizen = MembershipFactory(arena=arena, role=Role.PARTICIPANT, user__email="citizen@example.org").user
    facilitator = MembershipFactory(arena=arena, role=Role.FACILITATOR).user
    thread = thread_create(arena=arena, author=facilitator, title="Where should the crossing go?")
    before = UserFactory()
    with transaction.atomic():
        notify(recipients=[before], event="account.password_changed", target_title="Before the outage")
    assert wait_for(lambda: EmailDelivery.objects.filter(status="sending").exists()), worker.log()[-3000:]

    redis_server.stop()

    signed_in = client.post("/accounts/login/", {"login": citizen.email, "password": PASSWORD})
    assert signed_in.status_code == 302, signed_in.content.decode()[:2000]
    page_post = client.post(f"{thread.get_absolute_url()}posts/", {"body": "By the bakery, with lights."})
    assert page_post.status_code == 302
    token = client.post(
        "/api/v1/auth/token/", {"email": citizen.email, "password": PASSWORD}, content_type="application/json"
    )
    assert token.status_code == 200
    api = {"HTTP_AUTHORIZATION": f"Token {token.json()['token']}"}
    api_post = client.post(
        f"/api/v1/threads/{thread.pk}/posts/",
        {"body": "Or further north?"},
        content_type="application/json",
        **api,
    )
    assert api_post.status_code == 201
    client.force_login(facilitator)
    invited = [
        client.post(
            f"/api/v1/arenas/{arena.slug}/invitations/",
            {"email": f"neighbour{n}@example.org"},
            content_type="application/json",
        ).status_code
        for n in range(3)
    ]
    assert invited == [201] * 3
    assert EmailDelivery.objects.filter(to_email__startswith="neighbour", status="pending").count() == 3
    # The worker finishes the send it was in, finds the broker gone, and keeps trying to reconnect.
    assert wait_for(lambda: "Cannot connect to redis://" in worker.log(), timeout=60), worker.log()[-3000:]
    assert worker.process.poll() is None, worker.log()[-3000:]

    redis_server.start()  # empty: what was queued in it is gone, the outbox is not

    assert wait_for(lambda: worker.log().count("Connected to redis://") >= 2, timeout=90), worker.log()[
        -3000:
    ]
    # Beat's sweeper, a few minutes on: what no task is going to send is queued again.
    deliveries_requeue_stale(now=timezone.now() + timedelta(minutes=15))
    assert wait_for(lambda: not EmailDelivery.objects.exclude(status="sent").exists(), timeout=90), (
        worker.log()[-3000:]
    )
    # Every message the broker held has been taken and acknowledged: a redelivered one would have
    # been sent again by now, and would show below.
    assert wait_for(lambda: broker_drained(redis_server.url), timeout=60), worker.log()[-3000:]
    log = worker.log()
    assert worker.process.poll() is None, log[-3000:]
    assert "Unrecoverable error" not in log
    sent = sorted(to for _id, to in sent_messages(mail_dir))
    due = sorted(d.to_email or d.recipient.email for d in EmailDelivery.objects.select_related("recipient"))
    assert sent == due  # each once
    assert set(due) >= {
        before.email,
        "neighbour0@example.org",
        "neighbour1@example.org",
        "neighbour2@example.org",
    }
