"""What people type, read the way ``websearch_to_tsquery`` reads it: words, "quoted phrases", ``-word`` to
leave out, ``or`` between alternatives. PostgreSQL parses it itself; this is for the substring fallback and
for the terms an excerpt marks."""

import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

MAX_LENGTH = 200
_TOKEN = re.compile(r'(-?)"([^"]*)"?|(\S+)')
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


@dataclass
class Alternative:
    include: list[str] = field(default_factory=list)
    exclude: list[str] = field(default_factory=list)


def query_clean(text: str) -> str:
    """The query as searched: control characters dropped, spaces folded; too long → ValidationError."""
    cleaned = " ".join(_CONTROL.sub(" ", text or "").split())
    if len(cleaned) > MAX_LENGTH:
        raise ValidationError(
            _("Please search for at most %(limit)d characters (this was %(length)d).")
            % {"limit": MAX_LENGTH, "length": len(cleaned)},
            code="too_long",
        )
    return cleaned


def alternatives(text: str) -> list[Alternative]:
    """``a "b c" -d or e`` → ``[Alternative(["a", "b c"], ["d"]), Alternative(["e"])]``; empty ones dropped."""
    groups = [Alternative()]
    for match in _TOKEN.finditer(text):
        negated, phrase, word = match.group(1), match.group(2), match.group(3)
        if word is not None and word.lower() == "or":
            groups.append(Alternative())
            continue
        if word is not None:
            negated, term = (word.startswith("-") and len(word) > 1), word
            term = term[1:] if negated else term
        else:
            term = " ".join(phrase.split())
        term = term.strip()
        if term:
            (groups[-1].exclude if negated else groups[-1].include).append(term)
    return [group for group in groups if group.include]


def terms_of(text: str) -> list[str]:
    """Every term that is looked for (not those left out)."""
    return [term for group in alternatives(text) for term in group.include]
