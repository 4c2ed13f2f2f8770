"""Keeping the index current. Parts call these from their own services, in the same transaction as the
change, so a document never outlives or predates what it describes."""

from collections.abc import Iterable

from django.utils import timezone

from .highlight import MARKS
from .models import SearchDocument
from .registry import Document, kinds

BATCH = 2000
UPDATED = ["scope_id", "owner", "restricted", "always_ranked", "title", "body", "created"]
_UNSAFE = str.maketrans("", "", "\x00" + "".join(MARKS))


def _clean(text: str) -> str:
    """The text as indexed: without NUL (PostgreSQL refuses it) or the excerpt markers (text holding them
    would otherwise fake a highlight)."""
    return (text or "").translate(_UNSAFE)


def _row(document: Document) -> SearchDocument:
    kind = kinds.get(document.kind)
    return SearchDocument(
        kind=document.kind,
        object_id=document.object_id,
        scope_id=document.scope_id,
        owner_id=document.owner_id,
        restricted=document.restricted,
        always_ranked=kind.always_ranked,
        title=_clean(document.title),
        body=_clean(document.body),
        created=document.created or timezone.now(),
    )


def documents_put(documents: Iterable[Document]) -> int:
    """Add or replace these documents (one upsert per ``BATCH``); returns how many."""
    rows = [_row(document) for document in documents]
    for start in range(0, len(rows), BATCH):
        SearchDocument.objects.bulk_create(
            rows[start : start + BATCH],
            update_conflicts=True,
            unique_fields=["kind", "object_id"],
            update_fields=UPDATED,
        )
    return len(rows)


def document_put(document: Document) -> None:
    documents_put([document])


def documents_remove(*, kind: str, object_ids: Iterable[int]) -> int:
    """Forget these things (deleted ones): they are found no more."""
    deleted, _by_model = SearchDocument.objects.filter(kind=kind, object_id__in=list(object_ids)).delete()
    return deleted


def scope_forget(*, scope_ids: Iterable[int]) -> int:
    """Forget every document of these scopes (an arena deleted with all it held)."""
    deleted, _by_model = SearchDocument.objects.filter(scope_id__in=list(scope_ids)).delete()
    return deleted


def documents_rebuild(*, kind_keys: Iterable[str] = ()) -> dict[str, int]:
    """Build the documents of these kinds (all by default) from scratch: ``{kind: count}``."""
    counts = {}
    for kind in kinds:
        if kind_keys and kind.key not in kind_keys:
            continue
        SearchDocument.objects.filter(kind=kind.key).delete()
        batch, count = [], 0
        for document in kind.documents():
            batch.append(document)
            if len(batch) >= BATCH:
                count += documents_put(batch)
                batch = []
        counts[kind.key] = count + documents_put(batch)
    return counts
