"""What deleting an account erases of notifications: the person's own (and their email deliveries,
digests and settings); and in what others were told, their name as the actor and wherever a title or
an excerpt spelt their email, name or handle — in fan-outs still waiting to be told too."""

from platform_core.erasure import (
    DELETED_NAME,
    Eraser,
    eraser_register,
    rows_mentioning,
    scrubbed,
    scrubbed_json,
)
from platform_core.exports import Exporter, exporter_register, rows_of

from .models import DigestRun, EmailDelivery, Notification, NotificationEvent, NotificationSettings

SCRUBBED = ["actor_name", "target_title", "group_label", "data"]


def _scrub(rows, words) -> list:
    """The rows (notifications or fan-outs) that spelt one of ``words``, scrubbed, to save."""
    changed = []
    for row in rows_mentioning(rows, words, SCRUBBED[:3], SCRUBBED[3:]).iterator(chunk_size=500):
        row.actor_name = scrubbed(row.actor_name, words)
        row.target_title = scrubbed(row.target_title, words)
        row.group_label = scrubbed(row.group_label, words)
        row.data = scrubbed_json(row.data, words)
        changed.append(row)
    return changed


def erase(user, traces) -> None:
    EmailDelivery.objects.filter(recipient=user).delete()
    Notification.objects.filter(recipient=user).delete()
    DigestRun.objects.filter(user=user).delete()
    NotificationSettings.objects.filter(user=user).delete()
    words = traces.words()
    # In what others were told, and in fan-outs still waiting to be told.
    for model in (Notification, NotificationEvent):
        model.objects.filter(actor=user).update(actor_name=str(DELETED_NAME))
        model.objects.bulk_update(_scrub(model.objects.all(), words), SCRUBBED, batch_size=500)


eraser_register(Eraser(key="notifications", erase=erase))


def tables(user) -> dict:
    return {
        "notifications": rows_of(
            Notification.objects.filter(recipient=user),
            ["event", "actor_name", "verb", "target_title", "url", "data", "created", "read_at"],
        ),
        "notification_settings": rows_of(
            NotificationSettings.objects.filter(user=user),
            ["email_by_category", "digest_frequency", "digest_hour", "digest_weekday", "muted_groups"],
        ),
    }


exporter_register(Exporter(key="notifications", tables=tables))
