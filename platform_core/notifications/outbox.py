"""Queueing the outbox's deliveries: one send task per delivery, after commit.

The send task is named, not imported: the task module imports the delivery and digest code that queues
deliveries, so importing it back would tie the modules in a knot."""

from collections.abc import Sequence

from platform_core.queue import enqueue_many_on_commit

DELIVER_EMAIL = "notifications.deliver_email"


def deliveries_queue(*, delivery_ids: Sequence[int]) -> None:
    """One send task per delivery, queued after commit. Should the broker be down, the deliveries stay
    ``pending`` in the database and the sweeper queues them again."""
    enqueue_many_on_commit(DELIVER_EMAIL, [(delivery_id,) for delivery_id in delivery_ids])
