"""What deleting an account erases of notifications: the person's own (and their email deliveries,
digests and settings); and in what others were told, their name as the actor and wherever a title or
an excerpt spelt their email, name or handle."""

from platform_core.erasure import (
    DELETED_NAME,
    Eraser,
    eraser_register,
    rows_mentioning,
    scrubbed,
    scrubbed_json,
)
from platform_core.exports import Exporter, exporter_register, rows_of

from .models import DigestRun, EmailDelivery, Notification, NotificationSettings


def erase(user, traces) -> None:
    EmailDelivery.objects.filter(recipient=user).delete()
    Notification.objects.filter(recipient=user).delete()
    DigestRun.objects.filter(user=user).delete()
    NotificationSettings.objects.filter(user=user).delete()
    Notification.objects.filter(actor=user).update(actor_name=str(DELETED_NAME))
    words = traces.words()
    changed = []
    for notification in rows_mentioning(
        Notification.objects.all(), words, ["actor_name", "target_title", "group_label"], ["data"]
    ).iterator(chunk_size=500):
        notification.actor_name = scrubbed(notification.actor_name, words)
        notification.target_title = scrubbed(notification.target_title, words)
        notification.group_label = scrubbed(notification.group_label, words)
        notification.data = scrubbed_json(notification.data, words)
        changed.append(notification)
    Notification.objects.bulk_update(
        changed, ["actor_name", "target_title", "group_label", "data"], batch_size=500
    )


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
