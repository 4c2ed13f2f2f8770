import pytest
from django.db import transaction

from platform_core.models import Heartbeat
from platform_core.queue import enqueue_on_commit
from platform_core.tasks import heartbeat

pytestmark = pytest.mark.django_db


class RecordingTask:
    """Stands in for a broker-less send: records what would be queued (the worker test covers a real one)."""

    name = "recording"

    def __init__(self):
        self.sent = []

    def apply_async(self, args=(), kwargs=None):
        self.sent.append((args, kwargs))


def test_nothing_is_queued_before_commit(django_capture_on_commit_callbacks):
    task = RecordingTask()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        enqueue_on_commit(task, 7, key="x")
        assert task.sent == []

    assert len(callbacks) == 1
    assert task.sent == [((7,), {"key": "x"})]


def test_a_rolled_back_transaction_queues_nothing(django_capture_on_commit_callbacks):
    task = RecordingTask()
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        enqueue_on_commit(task, 7)
        raise RuntimeError("the domain action failed")

    assert callbacks == []
    assert task.sent == []


def test_a_broker_failure_at_commit_does_not_break_the_request(django_capture_on_commit_callbacks, caplog):
    class BrokenBroker(RecordingTask):
        def apply_async(self, args=(), kwargs=None):
            raise ConnectionError("broker unreachable")

    with django_capture_on_commit_callbacks(execute=True):
        enqueue_on_commit(BrokenBroker())

    assert "Could not queue recording" in caplog.text


def test_heartbeat_task_records_the_worker_idempotently():
    heartbeat(key="worker-a")
    heartbeat(key="worker-a")

    assert Heartbeat.objects.filter(key="worker-a").count() == 1
