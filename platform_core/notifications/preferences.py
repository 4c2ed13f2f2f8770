"""What each person wants emailed: their settings or, without a row, the registry's defaults."""

from collections.abc import Iterable
from dataclasses import dataclass, field

from .models import NotificationSettings
from .registry import EmailMode, registry


@dataclass(frozen=True)
class Preferences:
    email_by_category: dict[str, str] = field(default_factory=dict)
    muted_groups: frozenset[str] = frozenset()
    digest_frequency: str = NotificationSettings.DEFAULT_FREQUENCY
    digest_hour: int = NotificationSettings.DEFAULT_HOUR
    digest_weekday: int = NotificationSettings.DEFAULT_WEEKDAY

    @classmethod
    def from_settings(cls, row: NotificationSettings | None) -> "Preferences":
        if row is None:
            return cls()
        return cls(
            email_by_category=dict(row.email_by_category or {}),
            muted_groups=frozenset(row.muted_groups or ()),
            digest_frequency=row.digest_frequency,
            digest_hour=row.digest_hour,
            digest_weekday=row.digest_weekday,
        )

    def email_mode(self, category_key: str) -> str:
        category = registry.categories[category_key]
        chosen = self.email_by_category.get(category_key)
        if chosen not in EmailMode.ALL:
            return category.default
        if chosen == EmailMode.OFF and not category.can_turn_off:
            return category.default
        return chosen

    def mutes(self, group_key: str) -> bool:
        return bool(group_key) and group_key in self.muted_groups


def preferences_for(user_ids: Iterable[int]) -> dict[int, Preferences]:
    """Everyone's preferences in one query."""
    rows = {row.user_id: row for row in NotificationSettings.objects.filter(user_id__in=list(user_ids))}
    return {user_id: Preferences.from_settings(rows.get(user_id)) for user_id in user_ids}


def preferences_of(user) -> Preferences:
    return preferences_for([user.pk])[user.pk]
