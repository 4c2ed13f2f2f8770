"""Excerpts in notifications: computed once when the notification is made (the same for every recipient),
checked again when an email is rendered, so a post hidden or deleted since is never quoted."""

from collections import defaultdict

from platform_core.text import excerpt

from .registry import quote_sources


def quote_data(*, kind: str, pk: int, html: str) -> dict:
    """What to put in ``notify(data=...)`` to quote ``html`` (rendered, sanitised): its plain-text excerpt
    and where it came from. Nothing when there is no text to quote."""
    text = excerpt(html)
    return {"excerpt": text, "quote_of": [kind, pk]} if text else {}


def quotes_attach(notifications) -> None:
    """Set ``quote`` on each notification: its excerpt if its source may still be quoted, else "".
    One query per kind of source, however many notifications."""
    wanted: dict[str, set[int]] = defaultdict(set)
    for item in notifications:
        source = item.data.get("quote_of")
        if item.data.get("excerpt") and isinstance(source, list) and len(source) == 2:
            wanted[source[0]].add(source[1])
    quotable = {
        kind: quote_sources[kind](sorted(ids)) if kind in quote_sources else set()
        for kind, ids in wanted.items()
    }
    for item in notifications:
        source = item.data.get("quote_of")
        ok = isinstance(source, list) and len(source) == 2 and source[1] in quotable.get(source[0], ())
        item.quote = item.data.get("excerpt", "") if ok else ""
