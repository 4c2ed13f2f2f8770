"""Event types and email categories as data. Apps register theirs in ``AppConfig.ready()``.

A *category* is what a person sets: email it immediately, put it in my digest, or don't email it.
An *event type* belongs to one category and knows how it is shown and emailed.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils.functional import Promise


class EmailMode:
    IMMEDIATELY = "immediately"
    DIGEST = "digest"
    OFF = "off"
    ALL = (IMMEDIATELY, DIGEST, OFF)


@dataclass(frozen=True)
class Category:
    key: str
    label: str | Promise
    default: str = EmailMode.DIGEST
    can_turn_off: bool = True
    help_text: str | Promise = ""

    def __post_init__(self):
        if self.default not in EmailMode.ALL:
            raise ValueError(f"Unknown email mode {self.default!r} for category {self.key!r}")


@dataclass(frozen=True)
class EventType:
    """How one kind of event is shown and emailed.

    ``verb`` is the short phrase after the actor's name ("replied to your post"). The email templates get
    ``notification``, ``event``, ``recipient`` and ``site_url``; by default the generic ones are used.

    Two optional hooks, called in the recipient's language and time zone when the email is rendered:
    ``details(notification) -> list[str]`` adds lines the generic templates show under the title (when
    and where, say); ``attachments(notification) -> list[(filename, content, mimetype)]`` attaches files
    (a calendar event). Neither is called for digests.
    """

    key: str
    category: str
    verb: str | Promise
    subject_template: str = "notifications/email/notification_subject.txt"
    text_template: str = "notifications/email/notification.txt"
    html_template: str = "notifications/email/notification.html"
    details: Callable[..., list[str]] | None = None
    attachments: Callable[..., list[tuple[str, bytes | str, str]]] | None = None


@dataclass
class Registry:
    categories: dict[str, Category] = field(default_factory=dict)
    events: dict[str, EventType] = field(default_factory=dict)

    def category_register(self, category: Category) -> Category:
        self.categories[category.key] = category
        return category

    def event_register(self, event: EventType) -> EventType:
        if event.category not in self.categories:
            raise ValueError(f"Event {event.key!r} names an unknown category {event.category!r}")
        self.events[event.key] = event
        return event

    def event(self, key: str) -> EventType:
        try:
            return self.events[key]
        except KeyError:
            raise ValueError(f"Unknown notification event {key!r}; register it first") from None

    def category_of(self, event_key: str) -> Category:
        return self.categories[self.event(event_key).category]


registry = Registry()


@dataclass(frozen=True)
class DigestSection:
    """A block another app adds to digests: ``build(user=..., notifications=...)`` returns a dict with
    ``title`` and ``items`` (each with ``text`` and ``url``), or None to add nothing for this person.

    ``batch(users=..., notifications=...)`` (optional; ``notifications`` maps a user id to that person's
    notifications) reads what the section needs for a whole batch of digests in a fixed number of queries
    and returns a builder with ``build``'s signature that only formats what it read. The core calls that
    builder for each person in their language and time zone, so the texts stay theirs; it must say what
    ``build`` says. Sections without one are built a person at a time."""

    key: str
    order: int
    build: Callable[..., dict | None]
    batch: Callable[..., Callable[..., dict | None]] | None = None


digest_sections: dict[str, DigestSection] = {}


def digest_section_register(section: DigestSection) -> DigestSection:
    digest_sections[section.key] = section
    return section


# Quoting: a notification may carry an excerpt of what it is about (``data["excerpt"]``) and where it came
# from (``data["quote_of"] = [kind, id]``). Before an email quotes it, the app that owns ``kind`` says which
# of those ids may still be quoted (not hidden, not deleted): ``still_quotable(ids) -> set of ids``, one
# query for all of a digest's items. An unknown kind is never quoted.
quote_sources: dict[str, Callable[[list[int]], set[int]]] = {}


def quote_source_register(kind: str, still_quotable: Callable[[list[int]], set[int]]) -> None:
    quote_sources[kind] = still_quotable
