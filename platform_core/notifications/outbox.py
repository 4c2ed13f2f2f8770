"""Queueing the outbox: a fan-out's expansion, and the deliveries: one send task per batch of deliveries, after commit — telling 10,000
people is a hundred messages to the broker, not ten thousand.

The send task is named, not imported: the task module imports the delivery and digest code that queues
deliveries, so importing it back would tie the modules in a knot."""

from collections.abc import Sequence
from itertools import batched

from platform_core.queue import enqueue_many_on_commit, enqueue_on_commit

from .models import NotificationEvent

DELIVER_EMAIL = "notifications.deliver_email"
DELIVER_EMAILS = "notifications.deliver_emails"
EXPAND_FANOUT = "notifications.expand_fanout"
SEND_BATCH = 100  # deliveries per send task: one worker sends them one after the other


def deliveries_queue(*, delivery_ids: Sequence[int]) -> None:
    """A send task per ``SEND_BATCH`` deliveries (one delivery: its own task), queued after commit. Should
    the broker be down, the deliveries stay ``pending`` in the database and the sweeper queues them again;
    should a worker die mid-batch, the sweeper finds the ones it left ``sending`` or ``pending``."""
    ids = list(delivery_ids)
    if len(ids) == 1:
        enqueue_many_on_commit(DELIVER_EMAIL, [(ids[0],)])
        return
    enqueue_many_on_commit(DELIVER_EMAILS, [(list(batch),) for batch in batched(ids, SEND_BATCH)])


def fanout_record(notice, audience) -> NotificationEvent:
    """Keep ``notice`` for ``audience`` in the outbox, in the current transaction, and queue its
    expansion after the commit. Should the broker be down, the row waits for the sweeper."""
    fanout = NotificationEvent.objects.create(
        **notice.fields(),
        audience=audience.kind,
        audience_params=audience.params,
        excluded=sorted(audience.excluded),
    )
    fanouts_queue([fanout.pk])
    return fanout


def fanouts_queue(fanout_ids) -> None:
    for fanout_id in fanout_ids:
        enqueue_on_commit(EXPAND_FANOUT, fanout_id)
