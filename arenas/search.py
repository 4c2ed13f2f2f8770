"""The arenas' share of search: the ``arena`` kind, and the visibility filters the parts' kinds build on
(a document's ``scope_id`` is its arena). The policy asked as a query: ``visible_arenas_q`` and
``moderated_arenas_q`` are the ones the pages use, kept equal to the rules by tests."""

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from platform_core.search.query import query_clean
from platform_core.search.registry import Document, Presented, SearchKind, kinds
from platform_core.search.selectors import Results, search
from platform_core.search.services import document_put
from platform_core.text import plain_text

from .models import Arena
from .selectors import arena_get_for_viewer, moderated_arenas_q, visible_arenas_q

# The arenas are looked up first, in a query of their own, and handed to the search as a list of ids: the
# search query stays small (the policy's subqueries, OR-ed over every kind, cost more to build in the ORM
# than the whole search costs in PostgreSQL), and the planner sees which arenas it is about.


def _arena_ids(memo: dict, key: str, condition) -> list[int]:
    if key not in memo:
        memo[key] = list(Arena.objects.filter(condition()).order_by().values_list("pk", flat=True))
    return memo[key]


def in_visible_arena(viewer, memo: dict) -> Q:
    """Documents of arenas the viewer may see."""
    return Q(scope_id__in=_arena_ids(memo, "visible_arenas", lambda: visible_arenas_q(viewer)))


def in_moderated_arena(viewer, memo: dict) -> Q:
    """Documents of arenas whose hidden posts the viewer reads (facilitators and up)."""
    if not getattr(viewer, "is_authenticated", False):
        return Q(pk__in=[])
    return Q(scope_id__in=_arena_ids(memo, "moderated_arenas", lambda: moderated_arenas_q(viewer)))


def arena_scope(arena: Arena) -> dict:
    """How a hit names its arena (the API's ``arena``)."""
    return {"key": arena.slug, "title": arena.title, "url": arena.get_absolute_url()}


def arenas_by_id(ids) -> dict[int, Arena]:
    return Arena.objects.only("pk", "slug", "title").in_bulk(set(ids))


def arena_document(arena: Arena) -> Document:
    return Document(
        kind="arena",
        object_id=arena.pk,
        scope_id=arena.pk,
        title=arena.title,
        body=" ".join(
            part
            for part in (plain_text(arena.problem_statement_html), plain_text(arena.goals_html), arena.scope)
            if part
        ),
        created=arena.created,
    )


def arena_index(arena: Arena) -> None:
    """Keep the arena's document current (its services call this after a change of its text)."""
    document_put(arena_document(arena))


def _present(documents, viewer) -> dict:
    arenas = Arena.objects.select_related("organisation").in_bulk([d.object_id for d in documents])
    return {
        pk: Presented(
            title=arena.title,
            url=arena.get_absolute_url(),
            scope=arena_scope(arena),
            context=arena.organisation.name,
        )
        for pk, arena in arenas.items()
    }


def _documents():
    for arena in Arena.objects.iterator(chunk_size=500):
        yield arena_document(arena)


kinds.register(
    SearchKind(
        key="arena",
        label=gettext_lazy("Arena"),
        plural=gettext_lazy("Arenas"),
        visible=in_visible_arena,
        present=_present,
        documents=_documents,
        order=10,
        always_ranked=True,
    )
)


def kind_choices() -> list[tuple[str, str]]:
    return [(kind.key, kind.plural) for kind in kinds]


def search_for_viewer(
    *, viewer, query: str, kind: str = "", arena_slug: str = "", page: int = 1, language: str = "en"
) -> tuple[Results, Arena | None]:
    """One search as the page and the API ask it: ``query`` as typed (refused when too long), ``kind``
    one of the registered kinds or all, ``arena_slug`` an arena the viewer sees (404 otherwise)."""
    if kind and kind not in kinds:
        raise ValidationError(
            {"type": _("Choose one of: %(kinds)s.") % {"kinds": ", ".join(k.key for k in kinds)}}
        )
    try:
        cleaned = query_clean(query)
    except ValidationError as error:
        raise ValidationError({"q": error.messages}) from None
    arena = arena_get_for_viewer(slug=arena_slug, viewer=viewer) if arena_slug else None
    results = search(
        query=cleaned,
        viewer=viewer,
        kind_keys=(kind,) if kind else (),
        scope_id=arena.pk if arena else None,
        page=page,
        language=language,
    )
    return results, arena
