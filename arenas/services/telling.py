"""Telling people about what happened in an arena: a notification grouped under the arena (the group a
person can mute, and the label their digest shows)."""

from platform_core.notifications.preferences import preferences_of
from platform_core.notifications.services import notification_group_mute, notify

from ..policy import require


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


def arena_mute(*, arena, user, muted: bool) -> bool:
    """Mute (or unmute) ``arena`` for ``user``: nothing from it reaches them, in the app or by email, until
    they unmute it. Returns the new state."""
    require(user, "arenas.mute_arena", arena)
    notification_group_mute(user=user, group_key=arena.group_key, muted=muted)
    return muted


def arena_is_muted_by(*, arena, user) -> bool:
    return getattr(user, "is_authenticated", False) and preferences_of(user).mutes(arena.group_key)
