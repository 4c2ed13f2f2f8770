"""Thin tasks: take ids, call a service, retry. Idempotence lives in the services."""

import logging
from itertools import batched

from celery import shared_task

from platform_core.queue import enqueue_rollback_unsafe

from . import delivery, digests, fanout

logger = logging.getLogger(__name__)


@shared_task(bind=True, name="notifications.deliver_email", max_retries=None, acks_late=True)
def deliver_email(self, delivery_id: int) -> str:
    result = delivery.delivery_send(delivery_id=delivery_id)
    if result.retry_in is not None:
        raise self.retry(countdown=result.retry_in)
    return result.status


@shared_task(name="notifications.deliver_emails", acks_late=True)
def deliver_emails(delivery_ids: list[int]) -> int:
    """Send a batch of deliveries one after the other (the digests among them rendered together first);
    one that must wait (the mail server refused for now) is retried on its own. Idempotent like
    ``deliver_email``: a sent delivery is never sent again."""
    sent = 0
    results = delivery.deliveries_send(delivery_ids=delivery_ids)
    for delivery_id, result in zip(delivery_ids, results, strict=True):
        sent += result.status == "sent"
        if result.retry_in is not None:
            try:
                deliver_email.apply_async(args=[delivery_id], countdown=result.retry_in)
            except Exception:  # the broker is down: the delivery stays pending, and the sweeper finds it
                logger.exception("Could not queue the retry of delivery %s", delivery_id)
    return sent


@shared_task(name="notifications.expand_fanout", acks_late=True)
def expand_fanout(fanout_id: int) -> int:
    """Tell a fan-out's audience a batch at a time (idempotent: see fanout.py). A very large audience
    goes on in a fresh task every ``fanout.TASK_SECONDS``, inside the time limit."""
    told, finished = fanout.fanout_expand(fanout_id=fanout_id)
    if not finished:
        enqueue_rollback_unsafe(expand_fanout, fanout_id)
    return told


@shared_task(name="notifications.sweep_fanouts")
def sweep_fanouts() -> int:
    return len(fanout.fanouts_requeue_stale())


@shared_task(name="notifications.sweep_deliveries")
def sweep_deliveries() -> int:
    return len(delivery.deliveries_requeue_stale())


@shared_task(name="notifications.queue_due_digests")
def queue_due_digests() -> int:
    """Hourly: decide who is due in one query, then fan out one build task per batch of runs."""
    run_ids = digests.digest_runs_create_due()
    for batch in batched(run_ids, digests.BATCH_SIZE):
        enqueue_rollback_unsafe(build_digests, list(batch))
    return len(run_ids)


@shared_task(bind=True, name="notifications.build_digests", max_retries=3, acks_late=True)
def build_digests(self, run_ids: list[int]) -> int:
    return len(digests.digests_build(run_ids=run_ids))


@shared_task(bind=True, name="notifications.build_digest", max_retries=3, acks_late=True)
def build_digest(self, run_id: int) -> int | None:
    """One run (messages queued before builds came in batches)."""
    return digests.digest_build(run_id=run_id)
