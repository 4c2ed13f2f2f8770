"""Telling people about what happened in an arena: a notification grouped under the arena (the group a
person can mute, and the label their digest shows)."""

from platform_core.notifications.preferences import preferences_of
from platform_core.notifications.services import notification_group_mute, notify

from ..access import standing
from ..models.membership import Standing
from ..policy import require
from ..selectors import conveners_of


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


def role_of_actor(actor, arena) -> str:
    """Who acted, as a role key ("facilitator", "convener", "org_admin", "site_admin"): what a person who
    was moderated is told instead of the moderator's name."""
    level = standing(actor, arena)
    return {
        Standing.SITE_ADMIN: "site_admin",
        Standing.ORG_ADMIN: "org_admin",
        Standing.CONVENER: "convener",
    }.get(level, "facilitator")


def ban_notify(*, arena, membership, actor) -> None:
    """Tell the banned person why, by whom (the role, never the name) and how to ask for a review.

    Not grouped under the arena: muting an arena must not hide that one was banned from it, and its
    category cannot be turned off."""
    # A private arena is hidden from those banned from it: its page would be a 404 to them.
    visible = arena.visibility != arena.Visibility.PRIVATE
    notify(
        recipients=[membership.user_id],
        event="arenas.banned",
        target_title=membership.ban_reason,
        url=arena.get_absolute_url() if visible else "",
        group_label=arena.title,
        data={
            "reason": membership.ban_reason,
            "by_role": role_of_actor(actor, arena),
            "arena": arena.title,
            "conveners": [person.name for person in conveners_of(arena=arena, excluding_id=actor.pk)],
        },
    )
