"""How the one policy is kept: every permission is a list of clauses, each a django-rules predicate with the
sentence a refused person reads when it is the clause that fails.

The arena's permissions (``arenas.rules``) and those of its parts (``arenas.deliberation.rules``,
``arenas.prototypes.rules``) register here; pages, templates, serializers, API views, services and the admin
ask ``can`` / ``require`` / ``refusal``, never a copy of a rule.

``can`` evaluates our rules directly: Django's ``user.has_perm`` lets superusers through everything,
including writes to a closed arena, which is read-only for everyone.
"""

from collections.abc import Callable
from dataclasses import dataclass
from functools import reduce
from operator import attrgetter

import rules
from django.utils.functional import Promise
from django.utils.translation import gettext

from platform_core.exceptions import Refused

Message = str | Promise | Callable[..., str]


@dataclass(frozen=True)
class Clause:
    """Part of a permission: ``predicate(user, obj)`` must hold; if it is the first that does not,
    ``message`` (a sentence, or ``message(user, obj)``) says why. A clause made by ``on_arena`` without a
    message says what the arena's permission says."""

    predicate: rules.Predicate
    message: Message | None = None
    arena_permission: str = ""
    arena_of: Callable | None = None


@dataclass(frozen=True)
class Permission:
    name: str
    clauses: tuple[Clause, ...]
    predicate: rules.Predicate


POLICY: dict[str, Permission] = {}


def permission_register(name: str, *clauses: Clause | tuple) -> Permission:
    """Register ``name`` as the conjunction of ``clauses`` (``Clause`` or ``(predicate, message)``)."""
    clauses = tuple(c if isinstance(c, Clause) else Clause(*c) for c in clauses)
    predicate = reduce(lambda a, b: a & b, (c.predicate for c in clauses))
    POLICY[name] = Permission(name, clauses, predicate)
    return POLICY[name]


def on_arena(permission: str, arena_of: Callable = attrgetter("arena")) -> Clause:
    """The arena permission ``permission``, asked of the object's arena (``arena_of(obj)``; its ``arena``
    by default); refused, it says what the arena's permission says."""

    @rules.predicate(name=f"{permission}@arena")
    def predicate(user, obj):
        return can(user, permission, arena_of(obj))

    return Clause(predicate, arena_permission=permission, arena_of=arena_of)


def can(user, permission: str, obj) -> bool:
    return POLICY[permission].predicate.test(user, obj)


def require(user, permission: str, obj) -> None:
    """Refuse what the policy does not allow: ``Refused`` (a ``PermissionDenied``) with the sentence that
    says why to this person."""
    if not can(user, permission, obj):
        raise Refused(permission, refusal(user, permission, obj))


def refusal(user, permission: str, obj) -> str:
    """The sentence for a refused ``permission``: the message of its first clause that fails for this
    person and object."""
    entry = POLICY.get(permission)
    if entry is None:
        return _generic()
    for clause in entry.clauses:
        if clause.predicate.test(user, obj):
            continue
        if clause.message is None and clause.arena_permission:
            return refusal(user, clause.arena_permission, clause.arena_of(obj))
        if callable(clause.message):
            return str(clause.message(user, obj))
        return str(clause.message) if clause.message else _generic()
    return _generic()


def _generic() -> str:
    return gettext("You may not do this.")
