"""The wiring is real: a task queued through the helper runs in a separate Celery worker process over Redis,
after the commit, and writes to PostgreSQL; a rolled-back transaction queues nothing."""

import time

import pytest
from django.db import transaction

from platform_core.models import Heartbeat
from platform_core.queue import enqueue_on_commit
from platform_core.tasks import heartbeat

pytestmark = pytest.mark.services


def wait_for(predicate, timeout=20.0, interval=0.1):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(interval)
    return False


def test_worker_runs_a_task_queued_after_commit(celery_worker_process):
    with transaction.atomic():
        enqueue_on_commit(heartbeat, key="committed")
        assert not Heartbeat.objects.filter(key="committed").exists()

    assert wait_for(lambda: Heartbeat.objects.filter(key="committed").exists()), celery_worker_process.log()
    assert "platform_core.tasks.heartbeat" in celery_worker_process.log()


def test_a_rolled_back_transaction_queues_nothing_for_the_worker(celery_worker_process):
    with pytest.raises(RuntimeError), transaction.atomic():
        enqueue_on_commit(heartbeat, key="rolled-back")
        raise RuntimeError("the domain action failed")
    # A task queued after it on the same single-threaded queue: once it has run, the first one would have too.
    with transaction.atomic():
        enqueue_on_commit(heartbeat, key="sentinel")

    assert wait_for(lambda: Heartbeat.objects.filter(key="sentinel").exists()), celery_worker_process.log()
    assert not Heartbeat.objects.filter(key="rolled-back").exists()
    assert celery_worker_process.log().count("] received") == 1
