"""@handles: how a new one is made, and when one gives away a piece of its owner's email address.

A new handle comes from the display name (``Søren Ærø`` → ``soeren-aeroe``, spelt as ``readable_slug``
spells slugs), or, when there is no name to spell or the name spells the address anyway, from a neutral
word and a random number (``member-4821``, random so that it tells nobody when someone joined). It is
never made from the email address: a handle is public, the address is not.

The functions here take a ``taken(candidates) -> set`` callable instead of querying ``User`` themselves,
so that the migration that renames revealing handles uses the same rules on its historical model.
"""

import re
import secrets
from collections.abc import Callable, Iterable

from platform_core.text import readable_slug

NEUTRAL_WORD = "member"
MAX_LENGTH = 30
BASE_LENGTH = 24  # room for "-99" and more after a name
_NOT_ALNUM = re.compile(r"[^a-z0-9]+")

Taken = Callable[[Iterable[str]], set[str]]


def _compact(text: str) -> str:
    return _NOT_ALNUM.sub("", readable_slug(text, max_length=200))


def reveals_email(handle: str, email: str) -> bool:
    """Whether ``handle`` is the local part of ``email`` (maybe with a number after it), however it is
    punctuated: ``anna-berg``, ``annaberg`` and ``anna-berg-2`` all reveal ``anna.berg@…``."""
    local = _compact(email.rsplit("@", 1)[0])
    if not local:
        return False
    return re.fullmatch(rf"{re.escape(local)}\d*", _NOT_ALNUM.sub("", handle.lower())) is not None


def name_base(display_name: str) -> str:
    """The handle a display name spells, or "" when it spells nothing a handle may hold."""
    return readable_slug(display_name, max_length=BASE_LENGTH).strip("-_")


def _first_free(candidates: list[str], taken: Taken) -> str | None:
    used = taken(candidates)
    return next((candidate for candidate in candidates if candidate not in used), None)


def handle_new(*, display_name: str, email: str, taken: Taken) -> str:
    """A free handle for someone with this name and address (see the module's docstring)."""
    base = name_base(display_name)
    if base and not reveals_email(base, email):
        for start in range(2, 1000, 50):
            batch = ([base] if start == 2 else []) + [f"{base}-{n}" for n in range(start, start + 50)]
            free = _first_free(batch, taken)
            if free:
                return free
    return handle_neutral(email=email, taken=taken)


def handle_neutral(*, email: str, taken: Taken) -> str:
    """``member-`` and a random number, one digit longer whenever twenty draws are all taken."""
    digits = 4
    while True:
        low = 10 ** (digits - 1)
        batch = [f"{NEUTRAL_WORD}-{low + secrets.randbelow(9 * low)}" for _ in range(20)]
        free = _first_free([c for c in batch if not reveals_email(c, email)], taken)
        if free:
            return free
        digits += 1
