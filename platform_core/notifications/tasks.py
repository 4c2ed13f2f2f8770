"""Thin tasks: take ids, call a service, retry. Idempotence lives in the services."""

from itertools import batched

from celery import shared_task

from platform_core.queue import enqueue_rollback_unsafe

from . import delivery, digests


@shared_task(bind=True, name="notifications.deliver_email", max_retries=None, acks_late=True)
def deliver_email(self, delivery_id: int) -> str:
    result = delivery.delivery_send(delivery_id=delivery_id)
    if result.retry_in is not None:
        raise self.retry(countdown=result.retry_in)
    return result.status


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
