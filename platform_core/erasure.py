"""The erasers deleting an account runs (``accounts.erasure.account_delete``): each part registers what stops
a deletion and what it erases of its own. A leaf module, so that every part can register without
importing accounts (which itself tells people things through notifications)."""

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db.models import Q, TextField
from django.db.models.functions import Cast
from django.utils.translation import gettext_lazy

DELETED_NAME = gettext_lazy("Deleted participant")


@dataclass(frozen=True)
class Traces:
    """What identified the person, for the erasers that must find it in text (mentions, labels)."""

    emails: tuple[str, ...]
    handles: tuple[str, ...]
    name: str

    def words(self) -> list[str]:
        return [w for w in (*self.emails, *self.handles, self.name) if w and len(w) >= 3]


@dataclass(frozen=True)
class Eraser:
    key: str
    erase: Callable[..., None]
    blockers: Callable[..., list[str]] = field(default=lambda user: [])
    # People the part needs kept whatever their inactivity (a ``Q`` over users): never deleted
    # automatically while it holds (conveners, facilitators, organisation staff).
    retained: Callable[[], Q] | None = None


erasers: dict[str, Eraser] = {}


def eraser_register(eraser: Eraser) -> Eraser:
    erasers[eraser.key] = eraser
    return eraser


class AccountDeletionBlocked(ValidationError):
    """The account can't go yet: ``messages`` say what to do first (hand over these arenas…)."""


def scrubbed(text: str, words: list[str]) -> str:
    """``text`` with each of ``words`` (longest first: an email before the handle inside it) replaced by
    "Deleted participant"."""
    for word in sorted(words, key=len, reverse=True):
        text = _case_insensitive(word).sub(str(DELETED_NAME), text)
    return text


def scrubbed_json(value, words: list[str]):
    """The same, through every string of a JSON value."""
    if isinstance(value, str):
        return scrubbed(value, words)
    if isinstance(value, list):
        return [scrubbed_json(item, words) for item in value]
    if isinstance(value, dict):
        return {key: scrubbed_json(item, words) for key, item in value.items()}
    return value


def _case_insensitive(word: str):
    return re.compile(re.escape(word), re.IGNORECASE)


def rows_mentioning(queryset, words: list[str], fields: list[str], json_fields: list[str] = ()):
    """The rows of ``queryset`` whose ``fields`` (or ``json_fields``, as text) hold one of ``words``."""
    annotations = {f"{name}_as_text": Cast(name, TextField()) for name in json_fields}
    condition = Q(pk__in=[])
    for word in words:
        for name in fields:
            condition |= Q(**{f"{name}__icontains": word})
        for name in json_fields:
            condition |= Q(**{f"{name}_as_text__icontains": word})
    return queryset.annotate(**annotations).filter(condition)
