"""Shared by the notification page tests: the centre's URL, the New badge, notifications made one minute
apart, who has what unread, and a response's HTML."""

import datetime as dt

import time_machine

from platform_core.notifications.models import Notification
from platform_core.notifications.services import notify

LIST_URL = "/notifications/"
NEW_BADGE = '<span class="badge text-bg-primary me-1">New</span>'


def tip(recipient, title, *, url="/arenas/greener-schoolyards/", group_key="", group_label=""):
    [notification] = notify(
        recipients=[recipient],
        event="platform.tip",
        target_title=title,
        url=url,
        group_key=group_key,
        group_label=group_label,
    )
    return notification


def tips(recipient, count, *, start=dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)):
    """``count`` notifications one minute apart; "Tip 1" is the oldest."""
    made = []
    for n in range(1, count + 1):
        with time_machine.travel(start + dt.timedelta(minutes=n), tick=False):
            made.append(tip(recipient, f"Tip {n}"))
    return made


def unread_of(user):
    return set(Notification.objects.filter(recipient=user, read_at__isnull=True).values_list("pk", flat=True))


def html(response):
    return response.content.decode()
