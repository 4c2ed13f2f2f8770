"""Deliberation's share of search: threads and posts. Hidden posts are found only by the arena's moderators
(marked as hidden) — not even by their author, who reads them on the thread page; deleted posts are removed
from the index."""

from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from arenas.search import arena_scope, in_moderated_arena, in_visible_arena
from platform_core.search.registry import Document, Presented, SearchKind, kinds
from platform_core.search.services import document_put, documents_remove
from platform_core.text import plain_text

from .models import Post, Thread


def thread_document(thread: Thread) -> Document:
    return Document(
        kind="thread",
        object_id=thread.pk,
        scope_id=thread.arena_id,
        owner_id=thread.author_id,
        title=thread.title,
        body=plain_text(thread.body_html),
        created=thread.created,
    )


def post_document(post: Post, *, arena_id: int) -> Document:
    return Document(
        kind="post",
        object_id=post.pk,
        scope_id=arena_id,
        owner_id=post.author_id,
        restricted=post.hidden_at is not None,
        body=plain_text(post.body_html),
        created=post.created,
    )


def thread_index(thread: Thread) -> None:
    document_put(thread_document(thread))


def post_index(post: Post, *, arena_id: int) -> None:
    """Keep the post's document current: put it back, marked when hidden; forget it once deleted."""
    if post.deleted_at is not None:
        documents_remove(kind="post", object_ids=[post.pk])
    else:
        document_put(post_document(post, arena_id=arena_id))


def _post_visible(viewer, memo: dict) -> Q:
    return in_visible_arena(viewer, memo) & (Q(restricted=False) | in_moderated_arena(viewer, memo))


def _thread_url(thread: Thread) -> str:
    return thread.get_absolute_url()


def _present_threads(documents, viewer) -> dict:
    threads = Thread.objects.select_related("arena").in_bulk([d.object_id for d in documents])
    return {
        pk: Presented(
            title=thread.title,
            url=_thread_url(thread),
            scope=arena_scope(thread.arena),
            context=thread.get_kind_display(),
        )
        for pk, thread in threads.items()
    }


def _present_posts(documents, viewer) -> dict:
    posts = (
        Post.objects.filter(pk__in=[d.object_id for d in documents], deleted_at__isnull=True)
        .select_related("thread__arena", "author")
        .only(
            "id",
            "number",
            "hidden_at",
            "author__display_name",
            "author__deleted_at",
            "author__handle",
            "thread__id",
            "thread__title",
            "thread__arena__id",
            "thread__arena__slug",
            "thread__arena__title",
        )
    )
    shown = {}
    for post in posts:
        author = post.author.name if post.author_id else _("Deleted participant")
        shown[post.pk] = Presented(
            title=post.thread.title,
            url=f"{_thread_url(post.thread)}?post={post.number}#post-{post.number}",
            scope=arena_scope(post.thread.arena),
            context=_("Post by %(name)s") % {"name": author},
            restricted=post.hidden_at is not None,
        )
    return shown


def _thread_documents():
    for thread in Thread.objects.iterator(chunk_size=2000):
        yield thread_document(thread)


def _post_documents():
    posts = Post.objects.filter(deleted_at__isnull=True).values(
        "pk", "author_id", "hidden_at", "body_html", "created", "thread__arena_id"
    )
    for post in posts.iterator(chunk_size=5000):
        yield Document(
            kind="post",
            object_id=post["pk"],
            scope_id=post["thread__arena_id"],
            owner_id=post["author_id"],
            restricted=post["hidden_at"] is not None,
            body=plain_text(post["body_html"]),
            created=post["created"],
        )


kinds.register(
    SearchKind(
        key="thread",
        label=gettext_lazy("Thread"),
        plural=gettext_lazy("Threads"),
        visible=in_visible_arena,
        present=_present_threads,
        documents=_thread_documents,
        order=20,
        always_ranked=True,
    )
)
kinds.register(
    SearchKind(
        key="post",
        label=gettext_lazy("Post"),
        plural=gettext_lazy("Posts"),
        visible=_post_visible,
        present=_present_posts,
        documents=_post_documents,
        order=30,
    )
)
