"""Sessions' share of search: title, description and place, for whoever sees the arena."""

from django.utils.translation import gettext_lazy

from arenas.search import arena_scope, in_visible_arena
from platform_core.search.registry import Document, Presented, SearchKind, kinds
from platform_core.search.services import document_put

from .models import Session


def session_document(session: Session) -> Document:
    return Document(
        kind="session",
        object_id=session.pk,
        scope_id=session.arena_id,
        owner_id=session.created_by_id,
        title=session.title,
        body=" ".join(part for part in (session.description, session.place) if part),
        created=session.created,
    )


def session_index(session: Session) -> None:
    document_put(session_document(session))


def _present(documents, viewer) -> dict:
    sessions = Session.objects.select_related("arena").in_bulk([d.object_id for d in documents])
    return {
        pk: Presented(
            title=session.title,
            url=session.get_absolute_url(),
            scope=arena_scope(session.arena),
            context=session.get_kind_display(),
        )
        for pk, session in sessions.items()
    }


def _documents():
    for session in Session.objects.iterator(chunk_size=2000):
        yield session_document(session)


kinds.register(
    SearchKind(
        key="session",
        label=gettext_lazy("Session"),
        plural=gettext_lazy("Sessions"),
        visible=in_visible_arena,
        present=_present,
        documents=_documents,
        order=50,
        always_ranked=True,
    )
)
