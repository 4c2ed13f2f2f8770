"""A real Celery worker process for integration tests, on Redis, against the test database."""

import os
import subprocess
import sys
import time
import uuid
from contextlib import contextmanager
from pathlib import Path

import redis
from django.conf import settings
from django.db import connection

from cocreate.celery import app as celery_app

ROOT = Path(__file__).resolve().parent.parent


def shared_database_url() -> str:
    """The test database (not the one DATABASE_URL names), for another process to read and write."""
    db = connection.settings_dict
    return (
        f"postgres://{db['USER']}:{db['PASSWORD'] or ''}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}"
        f"/{db['NAME']}"
    )


class WorkerProcess:
    def __init__(self, *, queue: str, log_path: Path, extra_env: dict[str, str] | None = None):
        self.queue = queue
        self.log_path = log_path
        self.extra_env = extra_env or {}
        self.process: subprocess.Popen | None = None

    def env(self) -> dict[str, str]:
        return {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "cocreate.settings.test",
            "DATABASE_URL": shared_database_url(),
            "REDIS_URL": settings.REDIS_URL,
            "CELERY_TASK_DEFAULT_QUEUE": self.queue,
            **self.extra_env,
        }

    def start(self, timeout: float = 30) -> "WorkerProcess":
        log = self.log_path.open("w")
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "cocreate",
                "worker",
                "--pool=solo",
                "--queues",
                self.queue,
                "--loglevel=INFO",
                "--without-gossip",
                "--without-mingle",
                "--without-heartbeat",
                "--hostname",
                f"test-{self.queue}@%h",
            ],
            cwd=ROOT,
            env=self.env(),
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if " ready." in self.log_path.read_text():
                return self
            if self.process.poll() is not None:
                raise RuntimeError(f"The Celery worker exited early:\n{self.log_path.read_text()}")
            time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"The Celery worker did not start in {timeout} s:\n{self.log_path.read_text()}")

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def kill(self) -> None:
        """SIGKILL: the worker dies mid-task, as on an out-of-memory kill or a lost machine."""
        if self.process and self.process.poll() is None:
            self.process.kill()
            self.process.wait()

    def log(self) -> str:
        return self.log_path.read_text()


def redis_available(url: str) -> bool:
    if not url:
        return False
    try:
        return redis.Redis.from_url(url, socket_connect_timeout=1).ping()
    except redis.RedisError:
        return False


# One queue for the whole test session: Celery caches its routing on first publish, so the test process
# keeps sending to whichever queue it saw first. Unique per session, so a developer's `make run` worker
# on the same Redis never takes the tests' tasks.
SESSION_QUEUE = f"test-{uuid.uuid4().hex[:10]}"


def use_queue(queue: str) -> str:
    """Point this (the test) process's Celery app at the worker's queue; returns the previous one."""
    previous = celery_app.conf.task_default_queue
    celery_app.conf.task_default_queue = queue
    return previous


def _reset_broker_pools() -> None:
    """Drop the cached connection and producer pools so the next publish connects to the current URL."""
    from kombu import pools

    pools.reset()
    celery_app._pool = None
    celery_app.amqp._producer_pool = None


@contextmanager
def broker_unreachable(url: str = "redis://127.0.0.1:1/0"):
    """Point this process's Celery app at a closed port, as if the broker were down, then restore it."""
    previous = celery_app.conf.broker_url
    celery_app.conf.broker_url = url
    _reset_broker_pools()
    try:
        yield
    finally:
        celery_app.conf.broker_url = previous
        _reset_broker_pools()
