"""Searchable kinds as data. Apps register theirs in ``AppConfig.ready()``, the way digest sections do.

A kind says how its documents are found by whom (``visible``), how a page of them is shown (``present``)
and how to build all of them again (``documents``, for ``manage.py search_rebuild``)."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.db.models import Q
from django.utils.functional import Promise


@dataclass(frozen=True)
class Document:
    """What a part hands the index for one thing (``services.documents_put``)."""

    kind: str
    object_id: int
    title: str = ""
    body: str = ""
    scope_id: int | None = None
    owner_id: int | None = None
    restricted: bool = False
    created: object = None


@dataclass(frozen=True)
class Presented:
    """How one hit is shown: ``title`` and ``url`` of the thing; ``scope`` names what it belongs to
    (``{"key", "title", "url"}``: for the arenas' kinds, its arena); ``context`` one line about where it
    is ("In: thread title"); ``restricted`` says it is marked (a hidden post, seen by a moderator)."""

    title: str
    url: str
    scope: dict | None = None
    context: str = ""
    restricted: bool = False
    extra: dict = field(default_factory=dict)


@dataclass(frozen=True)
class SearchKind:
    """``visible(viewer, memo)`` is a ``Q`` over ``SearchDocument`` (``scope_id``, ``owner_id``,
    ``restricted``) of what the viewer may find: the same policy as the pages, asked as a query. ``memo`` is
    one dict shared by every kind's filter in one search, so that what they all need of the viewer (the
    arenas they may see) is looked up once. ``present(documents,
    viewer)`` returns ``{object_id: Presented}`` for a page of hits, in a fixed number of queries, and leaves
    out what no longer exists. ``documents()`` yields every ``Document`` of the kind. ``always_ranked``
    for kinds with few documents (they are never crowded out by a flood of newer ones)."""

    key: str
    label: str | Promise
    plural: str | Promise
    visible: Callable[..., Q]
    present: Callable[..., dict]
    documents: Callable[[], Iterable[Document]]
    order: int = 100
    always_ranked: bool = False


class Kinds:
    def __init__(self):
        self._kinds: dict[str, SearchKind] = {}

    def register(self, kind: SearchKind) -> SearchKind:
        self._kinds[kind.key] = kind
        return kind

    def get(self, key: str) -> SearchKind:
        try:
            return self._kinds[key]
        except KeyError:
            raise ValueError(f"Unknown search kind {key!r}; register it first") from None

    def __contains__(self, key) -> bool:
        return key in self._kinds

    def __iter__(self):
        return iter(sorted(self._kinds.values(), key=lambda kind: (kind.order, kind.key)))


kinds = Kinds()
