"""Large audiences made fast (bulk inserts): members of an arena who follow a thread."""

from django.contrib.auth import get_user_model

from arenas.deliberation.models import ThreadFollow
from arenas.models import Membership, Role, StakeholderType
from platform_core.notifications.models import NotificationSettings


def crowd(arena, thread, n: int, *, prefix: str = "crowd", emailed: int = 0) -> list[int]:
    """``n`` members of ``arena`` following ``thread``; the first ``emailed`` get followed posts by email
    at once (the others in their digest, the default). Returns their ids, in order."""
    User = get_user_model()
    User.objects.bulk_create(
        [User(email=f"{prefix}-{i}@example.org", handle=f"{prefix}-{i}", password="!") for i in range(n)]
    )
    ids = list(
        User.objects.filter(email__startswith=f"{prefix}-", email__endswith="@example.org")
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    Membership.objects.bulk_create(
        [
            Membership(
                arena=arena, user_id=pk, role=Role.PARTICIPANT, stakeholder_type=StakeholderType.RESIDENT
            )
            for pk in ids
        ]
    )
    ThreadFollow.objects.bulk_create([ThreadFollow(thread=thread, user_id=pk) for pk in ids])
    NotificationSettings.objects.bulk_create(
        [
            NotificationSettings(user_id=pk, email_by_category={"followed_threads": "immediately"})
            for pk in ids[:emailed]
        ]
    )
    return ids
