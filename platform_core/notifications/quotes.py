"""Excerpts in notifications: computed once when the notification is made (the same for every recipient),
checked again when an email is rendered, and forgotten when their source is hidden, deleted or edited, so
text that was taken back is never quoted."""

from collections import defaultdict

from django.db.models.fields.json import KT

from platform_core.text import excerpt

from .models import Notification
from .registry import quote_sources


def _source(kind: str, pk: int) -> str:
    return f"{kind}:{pk}"


def _parse(source) -> tuple[str, int] | None:
    if not isinstance(source, str) or ":" not in source:
        return None
    kind, _sep, pk = source.rpartition(":")
    return (kind, int(pk)) if pk.isdigit() else None


def quote_data(*, kind: str, pk: int, html: str) -> dict:
    """What to put in ``notify(data=...)`` to quote ``html`` (rendered, sanitised): its plain-text excerpt
    and where it came from. Nothing when there is no text to quote."""
    text = excerpt(html)
    return {"excerpt": text, "quote_of": _source(kind, pk)} if text else {}


def quotes_attach(notifications) -> None:
    """Set ``quote`` on each notification: its excerpt if its source may still be quoted, else "".
    One query per kind of source, however many notifications."""
    wanted: dict[str, set[int]] = defaultdict(set)
    for item in notifications:
        source = _parse(item.data.get("quote_of"))
        if source and item.data.get("excerpt"):
            wanted[source[0]].add(source[1])
    quotable = {
        kind: quote_sources[kind](sorted(ids)) if kind in quote_sources else set()
        for kind, ids in wanted.items()
    }
    for item in notifications:
        source = _parse(item.data.get("quote_of"))
        ok = source is not None and source[1] in quotable.get(source[0], ())
        item.quote = item.data.get("excerpt", "") if ok else ""


def quotes_forget(*, kind: str, pk: int, html: str = "") -> int:
    """Take the excerpt of ``kind:pk`` out of every notification that carries it (its text was hidden or
    deleted), or put the excerpt of its new ``html`` in its place (it was edited). Rows from one ``notify``
    share their data, so this is one update per distinct payload, found through an index on the source."""
    carrying = (
        Notification.objects.filter(data__has_key="quote_of")
        .alias(source=KT("data__quote_of"))
        .filter(source=_source(kind, pk))
    )
    text = excerpt(html) if html else ""
    changed = 0
    for data in list(carrying.values_list("data", flat=True).distinct()):
        if "excerpt" in data:
            rest = {key: value for key, value in data.items() if key != "excerpt"}
            changed += carrying.filter(data=data).update(data={**rest, "excerpt": text} if text else rest)
    return changed
