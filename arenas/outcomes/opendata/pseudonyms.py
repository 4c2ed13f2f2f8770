"""People in open data: a stable pseudonymous id per person and arena, never a name, email or handle.

The id is an HMAC of the arena's and the person's ids under a key derived from ``SECRET_KEY``: the same
person has the same id in every table and every export of one arena, different ids in different arenas
(nobody can link them without the key), and nobody can go back from an id to the account. Rotating
``SECRET_KEY`` changes every id (that is the only way they change). A deleted account keeps its row, so its
contributions keep their pseudonym.

@mentions in exported text would reveal handles: ``Pseudonyms.rewrite`` turns each into the pseudonym of
the arena member it names, and any other (someone who is not a member, or a word that only looks like a
handle) into ``@someone``: a handle never leaves the platform."""

import hashlib
import hmac

from django.conf import settings

from arenas.deliberation.mentions import MENTION
from arenas.models import Membership

SALT = b"cocreate.outcomes.opendata.pseudonym"
UNKNOWN = "someone"


def _key() -> bytes:
    return hashlib.sha256(SALT + settings.SECRET_KEY.encode()).digest()


def _id(key: bytes, arena_id: int, user_id: int) -> str:
    return "p-" + hmac.new(key, f"{arena_id}:{user_id}".encode(), hashlib.sha256).hexdigest()[:12]


def pseudonym(*, arena_id: int, user_id: int | None) -> str:
    """The id of ``user_id`` in ``arena_id``'s open data (``p-`` and 12 hex digits); "" for nobody."""
    return "" if user_id is None else _id(_key(), arena_id, user_id)


class Pseudonyms:
    """The pseudonyms of one export: computed once per person (a dict, not a query), and the arena's
    members' handles (one query, on first use) for rewriting mentions."""

    def __init__(self, arena):
        self.arena = arena
        self._key = _key()
        self._ids: dict[int, str] = {}
        self._handles: dict[str, int] | None = None

    def __call__(self, user_id: int | None) -> str:
        if user_id is None:
            return ""
        found = self._ids.get(user_id)
        if found is None:
            found = self._ids[user_id] = _id(self._key, self.arena.pk, user_id)
        return found

    def load_handles(self) -> None:
        """The members' handles (lower case) and ids: banned and former members' too if they are still
        members, so a mention of anyone in the arena keeps meaning that person."""
        if self._handles is None:
            self._handles = {
                handle.lower(): user_id
                for handle, user_id in Membership.objects.filter(arena=self.arena).values_list(
                    "user__handle", "user_id"
                )
                if handle
            }

    def rewrite(self, text: str) -> str:
        """``text`` with every @mention as the pseudonym of whom it names (``@someone`` if not a member)."""
        if not text or "@" not in text:
            return text or ""
        self.load_handles()

        def replace(match):
            user_id = self._handles.get(match.group(1).lower())
            return "@" + (self(user_id) if user_id is not None else UNKNOWN)

        return MENTION.sub(replace, text)
