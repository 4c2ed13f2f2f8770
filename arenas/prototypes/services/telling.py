"""Telling a prototype's people (its team, those who gave feedback) about what happened to it."""

from arenas.services.telling import arena_notify

from ..models import Prototype


def prototype_notify(
    prototype: Prototype, *, event: str, actor, recipients, title: str | None = None
) -> None:
    arena_notify(
        arena=prototype.arena,
        recipients=recipients,
        event=event,
        actor=actor,
        target_title=title or prototype.title,
        url=prototype.get_absolute_url(),
        data=prototype_group(prototype),
    )


def prototype_group(prototype: Prototype) -> dict:
    """``notify(data=...)`` that puts the notification under the prototype in a digest."""
    return {"subgroup_key": f"prototype:{prototype.pk}", "subgroup_label": prototype.title}


def team_and_followers(prototype: Prototype) -> list[int]:
    """Who hears about a prototype's moves: its team and everyone who gave feedback on it."""
    team = set(prototype.team.values_list("user_id", flat=True))
    followers = set(prototype.feedback.filter(author__isnull=False).values_list("author_id", flat=True))
    return sorted(team | followers)
