"""Reads for deliberation. The thread page runs a fixed number of queries whatever its length."""

from dataclasses import dataclass

from django.db import connection
from django.db.models import Case, Count, F, Max, Prefetch, Q, QuerySet, Value, When, Window
from django.db.models.expressions import RawSQL
from django.db.models.functions import RowNumber
from django.http import Http404

from arenas.models import Arena
from arenas.rules import can
from arenas.selectors import arena_get_for_viewer

from .models import Endorsement, Flag, Post, Thread, ThreadFollow

PAGE_SIZE = 50
REPLIES_SHOWN = 10  # under each top-level post of a page; "N more replies" links to the rest
SORTS = {
    "activity": ("-pinned", "-last_activity_at", "-pk"),
    "newest": ("-pinned", "-created", "-pk"),
    "active": ("-pinned", "-post_count", "-pk"),
}


def threads_for_arena(
    *,
    arena: Arena,
    viewer,
    kind: str = "",
    phase: str = "",
    topic: str = "",
    status: str = "",
    query: str = "",
    sort: str = "activity",
) -> QuerySet[Thread]:
    if not can(viewer, "arenas.view_arena", arena):
        return Thread.objects.none()
    threads = Thread.objects.filter(arena=arena)
    if kind:
        threads = threads.filter(kind=kind)
    if phase:
        threads = (
            threads.filter(phase_id=phase)
            if str(phase).isdigit()
            else threads.filter(phase__name__iexact=phase)
        )
    if topic:
        threads = threads.filter(topics__slug=topic)
    if status == "open":
        threads = threads.filter(locked=False, resolved=False)
    elif status == "resolved":
        threads = threads.filter(resolved=True)
    elif status == "locked":
        threads = threads.filter(locked=True)
    if query:
        threads = threads.filter(Q(title__icontains=query) | Q(body__icontains=query))
    return (
        threads.select_related("author", "phase", "summary")
        .prefetch_related("topics")
        .order_by(*SORTS.get(sort, SORTS["activity"]))
        .distinct()
    )


def thread_get_for_viewer(*, slug: str, thread_id: int, viewer) -> Thread:
    """The thread in a visible arena, or 404 (the same for a hidden arena, a missing thread, or a thread of
    another arena)."""
    arena = arena_get_for_viewer(slug=slug, viewer=viewer, with_lists=False)
    thread = (
        Thread.objects.select_related("author", "phase", "summary", "summary__author")
        .prefetch_related("topics")
        .filter(pk=thread_id, arena=arena)
        .first()
    )
    if thread is None:
        raise Http404
    thread.arena = arena  # keeps the arena with the viewer's membership already loaded
    return thread


@dataclass
class ThreadPage:
    number: int
    pages: int
    order: str
    posts: list[Post]  # top-level posts of this page, each with ``.children`` (replies, nested)
    endorsed: set[int]
    last_number: int

    @property
    def has_previous(self):
        return self.number > 1

    @property
    def has_next(self):
        return self.number < self.pages


def _replies_under(top: list[Post], *, expand: int | None) -> list[Post]:
    """The first ``REPLIES_SHOWN`` replies (by number) under each of these top-level posts, and one more
    as the place "N more replies" links to; every reply under ``expand``. Each carries ``position`` (its
    rank under its top-level post) and ``reply_total``. One query: window functions over the replies,
    read through the ``(root, number)`` index."""
    cap = Value(REPLIES_SHOWN + 1)
    if expand is not None:
        cap = Case(When(root_id=expand, then=Value(2**31 - 1)), default=cap)
    return list(
        Post.objects.filter(root__in=[p.pk for p in top])
        .select_related("author")
        .defer("body")
        .annotate(
            position=Window(RowNumber(), partition_by=F("root_id"), order_by=F("number").asc()),
            reply_total=Window(Count("pk"), partition_by=F("root_id")),
        )
        .filter(position__lte=cap)
        .order_by("number")
    )


def thread_page(
    *, thread: Thread, viewer, page: int = 1, order: str = "oldest", expand: int | None = None
) -> ThreadPage:
    """One page: 50 top-level posts and, under each, its first ``REPLIES_SHOWN`` replies (all of them
    under the top-level post ``expand``, a pk: the one a ``?post=`` link points into). Each top-level post
    has ``.more_replies`` (how many are not shown) and ``.more_from`` (the number of the first of them).
    Two range queries on indexed columns (``top_number`` and ``root``), one for the viewer's
    endorsements: the same cost on page 1 or 200, whatever the number of replies."""
    total = thread.top_level_count
    pages = max(1, -(-total // PAGE_SIZE))
    page = min(max(1, page), pages)
    if order == "newest":
        high = total - (page - 1) * PAGE_SIZE
        low, high = max(1, high - PAGE_SIZE + 1), high
    else:
        low, high = (page - 1) * PAGE_SIZE + 1, page * PAGE_SIZE
    top = list(
        Post.objects.filter(thread=thread, root__isnull=True, top_number__gte=low, top_number__lte=high)
        .select_related("author")
        .defer("body")
        .order_by("-top_number" if order == "newest" else "top_number")
    )
    by_id = {p.pk: p for p in top}
    for post in top:
        post.children, post.more_replies, post.more_from = [], 0, None
    replies = []
    for reply in _replies_under(top, expand=expand) if top else []:
        root = by_id[reply.root_id]
        if reply.position > REPLIES_SHOWN and reply.root_id != expand:
            root.more_replies, root.more_from = reply.reply_total - REPLIES_SHOWN, reply.number
            continue
        reply.children = []
        replies.append(reply)
        by_id[reply.pk] = reply
    for reply in replies:
        parent = by_id.get(reply.parent_id)
        if parent is not None:
            parent.children.append(reply)
    endorsed = set()
    if getattr(viewer, "is_authenticated", False) and by_id:
        endorsed = set(
            Endorsement.objects.filter(user=viewer, post_id__in=list(by_id)).values_list("post_id", flat=True)
        )
    return ThreadPage(
        number=page, pages=pages, order=order, posts=top, endorsed=endorsed, last_number=thread.last_number
    )


def post_place(*, thread: Thread, number: int, order: str = "oldest") -> tuple[int, int | None]:
    """Where post ``number`` is shown: its page, and the top-level post (pk) to show with all its replies
    when it is a reply (it may be beyond the replies a page shows under each). One query."""
    found = (
        Post.objects.filter(thread=thread, number=number)
        .values_list("top_number", "root_id", "root__top_number")
        .first()
    )
    if found is None:
        return 1, None
    top_number, root_id, root_top_number = found
    if root_id is not None:
        top_number = root_top_number
    if order == "newest":
        return (thread.top_level_count - top_number) // PAGE_SIZE + 1, root_id
    return (top_number - 1) // PAGE_SIZE + 1, root_id


def page_of_post(*, thread: Thread, number: int, order: str = "oldest") -> int:
    """Which page shows post ``number`` (for links from notifications)."""
    return post_place(thread=thread, number=number, order=order)[0]


def new_posts_since(*, thread_id: int, after_number: int) -> int:
    """How many posts arrived after the one the page last showed: one indexed lookup of the thread row."""
    last = Thread.objects.filter(pk=thread_id).values_list("last_number", flat=True).first() or 0
    return max(0, last - after_number)


def follow_state(*, thread: Thread, viewer) -> str | None:
    if not getattr(viewer, "is_authenticated", False):
        return None
    return ThreadFollow.objects.filter(thread=thread, user=viewer).values_list("state", flat=True).first()


def moderation_queue(*, arena: Arena) -> QuerySet[Post]:
    """Posts with open flags, most recently flagged first, with their flags and reporters."""
    open_flags = Flag.objects.filter(status=Flag.Status.OPEN).select_related("reporter").order_by("-created")
    return (
        Post.objects.filter(thread__arena=arena, flags__status=Flag.Status.OPEN)
        .select_related("author", "thread")
        .prefetch_related(Prefetch("flags", queryset=open_flags, to_attr="open_flags"))
        .annotate(
            open_flag_count=Count("flags", filter=Q(flags__status=Flag.Status.OPEN)),
            last_flagged=Max("flags__created", filter=Q(flags__status=Flag.Status.OPEN)),
        )
        .order_by("-last_flagged")
    )


# The arena's latest visible posts, through ``post_thread_recent_visible`` (thread, created, id) alone: the
# newest post of each thread, an index probe a thread; then the newest few of the ``limit`` threads whose
# newest post is newest (the latest ``limit`` posts can be in no other thread). Whatever the number of
# posts, here or in other arenas; an arena with no threads costs nothing.
RECENT_POSTS_SQL = """
    WITH newest AS (
        SELECT thread.id AS thread_id FROM deliberation_thread AS thread
        CROSS JOIN LATERAL (
            SELECT post.created, post.id FROM deliberation_post AS post
            WHERE post.thread_id = thread.id AND post.deleted_at IS NULL AND post.hidden_at IS NULL
            ORDER BY post.created DESC, post.id DESC LIMIT 1
        ) AS latest
        WHERE thread.arena_id = %s
        ORDER BY latest.created DESC, latest.id DESC LIMIT %s
    )
    SELECT recent.id FROM newest
    CROSS JOIN LATERAL (
        SELECT post.created, post.id FROM deliberation_post AS post
        WHERE post.thread_id = newest.thread_id AND post.deleted_at IS NULL AND post.hidden_at IS NULL
        ORDER BY post.created DESC, post.id DESC LIMIT %s
    ) AS recent
    ORDER BY recent.created DESC, recent.id DESC LIMIT %s
"""


def recent_activity(*, arena: Arena, viewer, limit: int = 8) -> dict:
    """For the arena page: the latest threads and posts the viewer may see."""
    if not can(viewer, "arenas.view_arena", arena):
        return {"threads": [], "posts": []}
    threads = list(Thread.objects.filter(arena=arena).select_related("author").order_by("-created")[:limit])
    posts = Post.objects.filter(thread__arena=arena, deleted_at__isnull=True, hidden_at__isnull=True)
    if connection.vendor == "postgresql":  # elsewhere (SQLite, for local work) the plain query does
        posts = Post.objects.filter(pk__in=RawSQL(RECENT_POSTS_SQL, (arena.pk, limit, limit, limit)))
    posts = list(posts.select_related("author", "thread").order_by("-created", "-pk")[:limit])
    return {"threads": threads, "posts": posts}


# --- for the deliberation pages (appended by the pages' author) -----------------------------------------------


def new_posts_for_viewer(*, slug: str, thread_id: int, viewer, after_number: int) -> int | None:
    """``new_posts_since`` with the viewer's right to see the thread checked in the same single query (the
    policy's "may see this arena" as SQL: ``visible_arenas_q``). ``None`` when the viewer may not see it."""
    from arenas.selectors import visible_arenas_q

    visible = Arena.objects.filter(visible_arenas_q(viewer)).values("pk")
    last = (
        Thread.objects.filter(pk=thread_id, arena__slug=slug, arena__in=visible)
        .order_by()
        .values_list("last_number", flat=True)
        .first()
    )
    if last is None:
        return None
    return max(0, last - after_number)


def post_get_in_thread(*, thread: Thread, number: int) -> Post:
    """Post ``number`` of the thread (404 otherwise), sharing the thread whose arena is already loaded."""
    post = Post.objects.select_related("author").filter(thread=thread, number=number).first()
    if post is None:
        raise Http404
    post.thread = thread
    return post


def post_in_arena(*, arena: Arena, post_id: int) -> Post:
    """A post of one of the arena's threads, by id (the moderation queue's address), or 404; it shares
    ``arena``, whose viewer's standing is loaded already."""
    post = Post.objects.select_related("thread", "author").filter(pk=post_id, thread__arena=arena).first()
    if post is None:
        raise Http404
    post.thread.arena = arena
    return post


def page_posts(page: ThreadPage) -> list[Post]:
    """Every post a page shows: its top-level posts and the replies under them."""
    found, stack = [], list(page.posts)
    while stack:
        post = stack.pop()
        found.append(post)
        stack.extend(getattr(post, "children", []))
    return found


def revisions_attach(*, posts: list[Post], permissions) -> None:
    """Give each edited post whose history the viewer may read (``deliberation.read_post_history``, asked
    through the page's ``PostPermissions``) its ``.earlier_versions``, newest first. One query, whatever
    the number of posts."""
    for post in posts:
        post.earlier_versions = []
    wanted = {
        p.pk: p
        for p in posts
        if p.edited_at and not p.is_deleted and "deliberation.read_post_history" in permissions.of(p)
    }
    if not wanted:
        return
    from .models import PostRevision

    for revision in PostRevision.objects.filter(post_id__in=list(wanted)).order_by("-created", "-id"):
        wanted[revision.post_id].earlier_versions.append(revision)


def summary_history(*, thread: Thread) -> list:
    """The summary's earlier versions, newest first (the current one is ``thread.summary``)."""
    if thread.summary_id is None:
        return []
    return list(
        thread.summaries.exclude(pk=thread.summary_id).select_related("author").order_by("-created", "-id")
    )


def thread_topic_choices(*, arena: Arena) -> list[tuple[str, str]]:
    """(slug, name) of the topics the arena's threads carry, for the thread list's filter."""
    from arenas.models import Topic

    return list(
        Topic.objects.filter(threads__arena=arena).order_by("name").distinct().values_list("slug", "name")
    )


# --- the API: threads and posts by id (their URLs carry no arena slug) ----------------------------------------


def thread_get_by_id_for_viewer(*, thread_id: int, viewer, detail: bool = False) -> Thread:
    """The thread with its arena, or 404 — the same for a missing thread and one in an arena the viewer may
    not see. ``detail`` also brings the summary (with its author) and the topics."""
    threads = Thread.objects.select_related("arena", "author", "phase")
    if detail:
        threads = threads.select_related("summary", "summary__author").prefetch_related("topics")
    thread = threads.filter(pk=thread_id).first()
    if thread is None or not can(viewer, "arenas.view_arena", thread.arena):
        raise Http404
    return thread


def post_get_for_viewer(*, post_id: int, viewer) -> Post:
    """The post with its author, thread and arena, or 404 alike for a missing post and a hidden arena."""
    post = Post.objects.select_related("author", "thread", "thread__arena").filter(pk=post_id).first()
    if post is None or not can(viewer, "arenas.view_arena", post.thread.arena):
        raise Http404
    return post


def thread_posts(*, thread: Thread) -> QuerySet[Post]:
    """Every post of the thread, replies included, with its author. Page it by ``number`` (unique per thread
    and indexed with it) from a position — ``number > n`` — never by OFFSET: every page then costs the same."""
    return Post.objects.filter(thread=thread).select_related("author")


def post_of_thread(*, thread: Thread, post_id: int) -> Post | None:
    return Post.objects.filter(thread=thread, pk=post_id).select_related("author").first()


def endorsed_by(*, viewer, post_ids) -> set[int]:
    """Which of these posts the viewer endorses: one query for a whole page."""
    post_ids = list(post_ids)
    if not getattr(viewer, "is_authenticated", False) or not post_ids:
        return set()
    return set(
        Endorsement.objects.filter(user=viewer, post_id__in=post_ids).values_list("post_id", flat=True)
    )
