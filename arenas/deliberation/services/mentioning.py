from arenas.models import Arena
from arenas.rules import can
from arenas.services.telling import arena_notify
from platform_core.accounts.models import User
from platform_core.markdown import render_markdown

from ..mentions import handles_in, link_mentions


def render_with_mentions(body: str) -> tuple[str, list[User]]:
    """Sanitised HTML with @handles of real people linked, and those people."""
    handles = handles_in(body)
    people = list(User.objects.filter(handle__in=handles, is_active=True)) if handles else []
    return link_mentions(render_markdown(body), {p.handle for p in people}), people


def notify_mentions(
    people, *, arena: Arena, actor, title: str, url: str, exclude: set[int], data: dict | None = None
) -> set[int]:
    """Tell the people mentioned — only those who may see the arena (a mention must not leak a private
    conversation). Returns who was told."""
    allowed = [
        p for p in people if p.pk != actor.pk and p.pk not in exclude and can(p, "arenas.view_arena", arena)
    ]
    if allowed:
        arena_notify(
            arena=arena,
            recipients=allowed,
            event="deliberation.mention",
            actor=actor,
            target_title=title,
            url=url,
            data=data,
        )
    return {p.pk for p in allowed}
