"""Highlighted excerpts as safe HTML.

PostgreSQL's ``ts_headline`` returns the document's text with the matches between two markers and escapes
nothing, so it is told to use two private-use characters (which ``services`` strips from every indexed
text): the excerpt is HTML-escaped first and only then are the markers turned into ``<mark>``."""

import re

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

START, STOP = "\ue000", "\ue001"
MARKS = (START, STOP)
EXCERPT_WORDS = 30


def marked_to_html(text: str) -> SafeString:
    """``text`` with START…STOP around the matches → escaped HTML with ``<mark>`` around them (balanced,
    whatever the markers' order)."""
    out, open_ = [], False
    for part in re.split(f"([{START}{STOP}])", text or ""):
        if part == START:
            if not open_:
                out.append("<mark>")
                open_ = True
        elif part == STOP:
            if open_:
                out.append("</mark>")
                open_ = False
        elif part:
            out.append(escape(part))
    if open_:
        out.append("</mark>")
    return mark_safe("".join(out).strip())


def unmarked(text: str) -> str:
    """``text`` without the markers: a text not from the index (which strips them) that a person may have
    typed them into."""
    return (text or "").replace(START, "").replace(STOP, "")


def mark_terms(text: str, terms: list[str], *, words: int = EXCERPT_WORDS) -> str:
    """A window of about ``words`` words of ``text`` around the first of ``terms`` found (case-insensitive
    substrings), with every occurrence between the markers: the substring search's excerpt."""
    terms = [term for term in terms if term]
    text = " ".join((text or "").split())
    lowered = text.lower()
    found = [lowered.find(term.lower()) for term in terms if term]
    found = [at for at in found if at >= 0]
    start = 0
    if found:
        first = min(found)
        before = text[:first].split(" ")
        start = max(0, first - len(" ".join(before[-(words // 3) :])))
    window = text[start:]
    pieces = window.split(" ")
    cut = " ".join(pieces[:words])
    if terms:
        pattern = re.compile("|".join(re.escape(term) for term in sorted(terms, key=len, reverse=True)), re.I)
        cut = pattern.sub(lambda m: f"{START}{m.group(0)}{STOP}", cut)
    prefix = "… " if start > 0 else ""
    suffix = " …" if len(pieces) > words else ""
    return f"{prefix}{cut}{suffix}"
