"""Text people really write: readable slugs from any script, and limits that refuse rather than cut.

Slugs go through python-slugify (text-unidecode transliteration), with the Danish letters spelt the way
Danes spell them without them (æ→ae, ø→oe, å→aa). Emoji and other pictographs are spelt
by their Unicode names ("🌳 Trees" → ``deciduous-tree-trees``), so a title made of them is still readable
and distinct.
"""

import re
import unicodedata
from html import unescape

from django.core.exceptions import ValidationError
from django.utils.html import strip_tags
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from slugify import slugify

DANISH_LETTERS = [
    ("æ", "ae"),
    ("ø", "oe"),
    ("å", "aa"),
    ("Æ", "Ae"),
    ("Ø", "Oe"),
    ("Å", "Aa"),
]


def _named_symbols(text: str) -> str:
    """Emoji and other pictographs spelt by their Unicode names, so that they survive transliteration."""
    return "".join(
        f" {unicodedata.name(char, '')} " if unicodedata.category(char) == "So" else char for char in text
    )


def readable_slug(text: str, *, max_length: int) -> str:
    """A lower-case ASCII slug a person can read back, or "" if nothing in the text can be spelt."""
    slug = slugify(_named_symbols(text), replacements=DANISH_LETTERS)
    if len(slug) <= max_length:
        return slug
    cut = slug[: max_length + 1]  # ends where a word ends if the next character is a hyphen
    return cut.rsplit("-", 1)[0] if "-" in cut else slug[:max_length]


def within_limit(value: str, limit: int, *, field: str) -> str:
    """The value, stripped, if it fits; a field error saying how long it is otherwise (never a silent cut)."""
    value = value.strip()
    if len(value) > limit:
        raise ValidationError(
            {
                field: ngettext(
                    "Keep this to %(limit)d character (it has %(length)d).",
                    "Keep this to %(limit)d characters (it has %(length)d).",
                    limit,
                )
                % {"limit": limit, "length": len(value)}
            }
        )
    return value


def topic_refusal(name: str) -> str:
    return _("“%(name)s” cannot be a topic: use letters, digits or emoji.") % {"name": name}


EXCERPT_LENGTH = 200
_BLOCK_END = re.compile(r"</(p|div|li|h[1-6]|blockquote|pre|tr)>|<br\s*/?>", re.IGNORECASE)


def plain_text(html: str) -> str:
    """The text of rendered (sanitised) HTML, without markup, whitespace folded (what search indexes)."""
    text = unescape(strip_tags(_BLOCK_END.sub(lambda m: f"{m.group(0)} ", html or "")))
    return " ".join(text.split())


def excerpt(html: str, *, limit: int = EXCERPT_LENGTH) -> str:
    """The plain text of rendered (sanitised) HTML, whitespace folded, cut at a word with "…" when it is
    longer than ``limit`` characters. For quoting a post in an email: no markup, no Markdown."""
    text = plain_text(html)
    if len(text) <= limit:
        return text
    cut = text[: limit + 1]
    cut = cut.rsplit(" ", 1)[0] if " " in cut.strip() else text[:limit]
    return f"{cut.rstrip(' ,.;:!?-–—')}…"
