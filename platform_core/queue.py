"""The one way domain code queues background work: after the surrounding transaction commits.

A task queued inside a transaction that then rolls back must never run, and a task that runs before the
commit would read rows that do not exist yet. So the message is only sent from ``on_commit``. If the broker
is down at that moment the send fails and is logged; work that must not be lost (email deliveries) is kept
in the database as an outbox that a periodic sweeper re-queues.
"""

import logging

from celery import Task, current_app
from django.db import transaction

logger = logging.getLogger(__name__)


def _task(task: Task | str) -> Task:
    """A task, or its registered name: code that a task module itself imports names the task instead, so
    the two modules do not import each other."""
    return current_app.tasks[task] if isinstance(task, str) else task


def enqueue_on_commit(task: Task | str, *args, using: str | None = None, **kwargs) -> None:
    """Queue ``task(*args, **kwargs)`` once the current transaction commits (at once outside one)."""
    task = _task(task)

    def send():
        try:
            task.apply_async(args=args, kwargs=kwargs)
        except Exception:  # the broker is unreachable: the outbox sweeper will pick the work up again
            logger.exception("Could not queue %s; it stays pending until the next sweep", task.name)

    transaction.on_commit(send, using=using, robust=True)


def enqueue_many_on_commit(task: Task | str, calls: list[tuple], *, using: str | None = None) -> None:
    """Queue ``task(*args)`` for each args tuple in ``calls``, once the transaction commits, from one
    callback. If the broker fails, stop at the first failure instead of waiting on each remaining send:
    work that must not be lost is kept in the database and swept up again."""
    calls = list(calls)
    if not calls:
        return
    task = _task(task)

    def send():
        for done, args in enumerate(calls):
            try:
                task.apply_async(args=args)
            except Exception:
                logger.exception(
                    "Could not queue %s (%s of %s left); they stay pending until the next sweep",
                    task.name,
                    len(calls) - done,
                    len(calls),
                )
                return

    transaction.on_commit(send, using=using, robust=True)


def enqueue_rollback_unsafe(task: Task | str, *args, **kwargs) -> None:
    """Queue now, whatever becomes of the current transaction. Only for work that reads nothing the
    transaction writes (a periodic fan-out that runs outside any transaction, say)."""
    _task(task).apply_async(args=args, kwargs=kwargs)
