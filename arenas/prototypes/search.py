"""Prototypes' share of search: title, summary, problem and hypothesis, for whoever sees the arena."""

from django.utils.translation import gettext_lazy

from arenas.search import arena_scope, in_visible_arena
from platform_core.search.registry import Document, Presented, SearchKind, kinds
from platform_core.search.services import document_put

from .models import Prototype


def prototype_document(prototype: Prototype) -> Document:
    return Document(
        kind="prototype",
        object_id=prototype.pk,
        scope_id=prototype.arena_id,
        owner_id=prototype.created_by_id,
        title=prototype.title,
        body=" ".join(
            part for part in (prototype.summary, prototype.problem_addressed, prototype.hypothesis) if part
        ),
        created=prototype.created,
    )


def prototype_index(prototype: Prototype) -> None:
    document_put(prototype_document(prototype))


def _present(documents, viewer) -> dict:
    prototypes = Prototype.objects.select_related("arena").in_bulk([d.object_id for d in documents])
    return {
        pk: Presented(
            title=prototype.title,
            url=prototype.get_absolute_url(),
            scope=arena_scope(prototype.arena),
            context=prototype.get_stage_display(),
        )
        for pk, prototype in prototypes.items()
    }


def _documents():
    for prototype in Prototype.objects.iterator(chunk_size=2000):
        yield prototype_document(prototype)


kinds.register(
    SearchKind(
        key="prototype",
        label=gettext_lazy("Prototype"),
        plural=gettext_lazy("Prototypes"),
        visible=in_visible_arena,
        present=_present,
        documents=_documents,
        order=40,
        always_ranked=True,
    )
)
