from django.contrib.auth import get_user_model
from django.db.models import Count, Max, QuerySet

from .models import Notification


def notifications_for(*, user, unread_only: bool = False) -> QuerySet[Notification]:
    """A person's notifications, newest first. Shows without touching the domain: no joins needed."""
    notifications = Notification.objects.filter(recipient=user).order_by("-created", "-id")
    if unread_only:
        notifications = notifications.filter(read_at__isnull=True)
    return notifications


def unread_count(*, user) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def unread_count_by_group(*, user, group_keys: list[str]) -> dict[str, int]:
    """{group key: unread notifications} for these groups, in one query."""
    if not group_keys:
        return {}
    return dict(
        Notification.objects.filter(recipient=user, read_at__isnull=True, group_key__in=group_keys)
        .order_by()
        .values("group_key")
        .annotate(n=Count("pk"))
        .values_list("group_key", "n")
    )


def muted_groups_of(*, user, muted: list[str]) -> list[dict]:
    """The groups a person muted, with the label their notifications last carried (the key if none)."""
    labels = dict(
        Notification.objects.filter(recipient=user, group_key__in=muted)
        .order_by()
        .values("group_key")
        .annotate(label=Max("group_label"))
        .values_list("group_key", "label")
    )
    return [{"key": key, "label": labels.get(key) or key} for key in sorted(muted)]


def active_user(*, user_id: int):
    """The account behind a signed link, if it is still active (else None)."""
    return get_user_model().objects.filter(pk=user_id, is_active=True).first()
