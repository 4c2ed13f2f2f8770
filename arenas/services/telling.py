"""Telling people about what happened in an arena: a notification grouped under the arena (the group a
person can mute, and the label their digest shows)."""

from platform_core.notifications.services import notify


def arena_notify(
    *, arena, recipients, event: str, actor=None, target_title: str = "", url: str = "", **options
):
    """``notify`` within ``arena``; ``options`` are ``notify``'s (``data``, ``email``)."""
    return notify(
        recipients=recipients,
        event=event,
        actor=actor,
        target_title=target_title,
        url=url,
        group_key=arena.group_key,
        group_label=arena.title,
        **options,
    )
