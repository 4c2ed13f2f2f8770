"""Reads of the index: a search for a viewer, and what one person wrote that the viewer may see.

A search costs a fixed number of queries however many documents match: one for the page (ranked, counted
and excerpted together) and one per kind on the page for how its hits are shown (``SearchKind.present``),
plus what the kinds' visibility filters look up about the viewer, once per search (the arenas' kinds: the
arenas they may see and those they moderate, shared through the filters' ``memo``)."""

from dataclasses import dataclass

from django.db.models import Q
from django.utils.safestring import SafeString

from . import engines
from .highlight import mark_terms, marked_to_html, unmarked
from .models import SearchDocument
from .registry import Presented, SearchKind, kinds

PER_PAGE = 20


@dataclass(frozen=True)
class Hit:
    kind: SearchKind
    object_id: int
    presented: Presented
    title_html: SafeString
    excerpt_html: SafeString
    created: object


@dataclass(frozen=True)
class Results:
    """A page of hits. ``count`` is how many matched, or at least how many when ``count_is_floor`` (a
    word found everywhere: the newest ``engines.CANDIDATES`` of its matches are ranked)."""

    query: str
    hits: list[Hit]
    page: int
    per_page: int
    count: int
    count_is_floor: bool

    @property
    def has_previous(self) -> bool:
        return self.page > 1

    @property
    def has_next(self) -> bool:
        return self.page * self.per_page < self.count

    @property
    def pages(self) -> int:
        return max(1, -(-self.count // self.per_page))

    # What the pagination template reads of a Django ``Page``.
    @property
    def number(self) -> int:
        return self.page

    @property
    def has_other_pages(self) -> bool:
        return self.has_previous or self.has_next

    def previous_page_number(self) -> int:
        return min(self.page - 1, self.pages)

    def next_page_number(self) -> int:
        return self.page + 1

    @property
    def paginator(self):
        return self

    @property
    def num_pages(self) -> int:
        return self.pages


def kinds_for(keys=()) -> list[SearchKind]:
    return [kind for kind in kinds if not keys or kind.key in keys]


def visible_documents(*, viewer, kind_keys=(), scope_id: int | None = None):
    """The documents ``viewer`` may find: each kind's own filter, OR-ed."""
    condition, memo = Q(pk__in=[]), {}
    for kind in kinds_for(kind_keys):
        condition |= Q(kind=kind.key) & kind.visible(viewer, memo)
    documents = SearchDocument.objects.filter(condition)
    if scope_id is not None:
        documents = documents.filter(scope_id=scope_id)
    return documents


def _hits(documents, *, viewer) -> list[Hit]:
    by_kind: dict[str, list] = {}
    for document in documents:
        by_kind.setdefault(document.kind, []).append(document)
    shown = {key: kinds.get(key).present(group, viewer) for key, group in by_kind.items()}
    hits = []
    for document in documents:
        presented = shown[document.kind].get(document.object_id)
        if presented is None:  # gone since it was indexed
            continue
        hits.append(
            Hit(
                kind=kinds.get(document.kind),
                object_id=document.object_id,
                presented=presented,
                title_html=marked_to_html(document.title_marked)
                if document.title
                else marked_to_html(unmarked(presented.title)),
                excerpt_html=marked_to_html(document.excerpt_marked),
                created=document.created,
            )
        )
    return hits


def search(
    *,
    query: str,
    viewer,
    kind_keys=(),
    scope_id: int | None = None,
    page: int = 1,
    per_page: int = PER_PAGE,
    language: str = "en",
) -> Results:
    """The ``page``-th page of what ``viewer`` may find for ``query`` (already cleaned:
    ``query.query_clean``), optionally only of ``kind_keys`` and in ``scope_id``."""
    page = max(1, page)
    if not query:
        return Results(query=query, hits=[], page=page, per_page=per_page, count=0, count_is_floor=False)
    matches = visible_documents(viewer=viewer, kind_keys=kind_keys, scope_id=scope_id)
    documents, count = engines.page(
        matches, query, offset=(page - 1) * per_page, limit=per_page, language=language
    )
    floor = engines.uses_full_text() and count > engines.CANDIDATES
    return Results(
        query=query,
        hits=_hits(documents, viewer=viewer),
        page=page,
        per_page=per_page,
        count=engines.CANDIDATES if floor else count,
        count_is_floor=floor,
    )


def documents_by_owner(*, owner_id: int, viewer, page: int = 1, per_page: int = PER_PAGE) -> Results:
    """What ``owner_id`` wrote that ``viewer`` may find, newest first (a person's page)."""
    page = max(1, page)
    documents = visible_documents(viewer=viewer).filter(owner_id=owner_id)
    count = documents.count()
    rows = list(
        documents.defer("vector").order_by("-created", "-id")[(page - 1) * per_page : page * per_page]
    )
    for row in rows:
        row.title_marked = row.title
        row.excerpt_marked = mark_terms(row.body, [])
    return Results(
        query="",
        hits=_hits(rows, viewer=viewer),
        page=page,
        per_page=per_page,
        count=count,
        count_is_floor=False,
    )
