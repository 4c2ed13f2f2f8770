"""What deleting an account means for deliberation: posts stay, by "Deleted participant"; the text of
their hidden posts (and every earlier version of it) is erased; what they followed is forgotten; and
@mentions of them in anyone's text no longer spell their handle."""

import re

from django.db.models import Q

from arenas.models import Arena
from arenas.page_cache import arena_pages_changed
from platform_core.accounts.models import HANDLE_PATTERN
from platform_core.erasure import Eraser, eraser_register
from platform_core.exports import Exporter, exporter_register, rows_of

from .mentions import MENTION
from .models import Endorsement, Flag, Post, PostRevision, Thread, ThreadFollow, ThreadSummary
from .search import post_index, thread_index

ERASED_MENTION = "@deleted-participant"


def _mentions_erased(text: str, handles: set[str]) -> str:
    """Mentions of ``handles`` (linked or not) as ``ERASED_MENTION``: the page they led to is gone."""
    names = "|".join(re.escape(h) for h in sorted(handles, key=len, reverse=True))
    text = re.sub(rf'<a class="mention" href="[^"]*">@(?:{names})</a>', ERASED_MENTION, text)
    return MENTION.sub(lambda m: ERASED_MENTION if m.group(1).lower() in handles else m.group(0), text)


def erase(user, traces) -> None:
    # Their posts stay, by "Deleted participant": no page may show their name from before.
    written = Q(threads__author=user) | Q(threads__posts__author=user)
    for arena in Arena.objects.filter(written).distinct().only("slug"):
        arena_pages_changed(arena)
    ThreadFollow.objects.filter(user=user).delete()
    hidden = Post.objects.filter(author=user, hidden_at__isnull=False)
    PostRevision.objects.filter(post__in=hidden).delete()
    for post in hidden.select_related("thread"):
        post.body = post.body_html = ""
        post.save(update_fields=["body", "body_html"])
        post_index(post, arena_id=post.thread.arena_id)
    handles = {h for h in traces.handles if re.fullmatch(HANDLE_PATTERN, h)}
    if not handles:
        return
    mentioned = Q()
    for handle in handles:
        mentioned |= Q(body__contains=f"@{handle}")
    for model in (Post, Thread, ThreadSummary, PostRevision):
        rows = model.objects.filter(mentioned)
        rows = list(rows.select_related("thread") if model is Post else rows)
        for row in rows:
            row.body = _mentions_erased(row.body, handles)
            if hasattr(row, "body_html"):
                row.body_html = _mentions_erased(row.body_html, handles)
        model.objects.bulk_update(rows, ["body", "body_html"] if model is not PostRevision else ["body"])
        for row in rows:
            if model is Post and row.deleted_at is None:
                post_index(
                    row, arena_id=Thread.objects.values_list("arena_id", flat=True).get(pk=row.thread_id)
                )
            elif model is Thread:
                thread_index(row)


eraser_register(Eraser(key="deliberation", erase=erase))


def tables(user) -> dict:
    return {
        "threads": rows_of(
            Thread.objects.filter(author=user), ["id", "arena__title", "title", "body", "kind", "created"]
        ),
        "posts": rows_of(
            Post.objects.filter(author=user).order_by("created"),
            [
                "id",
                "thread__arena__title",
                "thread__title",
                "number",
                "body",
                "stance",
                "created",
                "edited_at",
                "deleted_at",
                "hidden_at",
                "hidden_reason",
            ],
        ),
        "post_revisions": rows_of(
            PostRevision.objects.filter(post__author=user), ["post_id", "body", "created"]
        ),
        "endorsements": rows_of(
            Endorsement.objects.filter(user=user), ["post_id", "post__thread__title", "created"]
        ),
        "flags": rows_of(
            Flag.objects.filter(reporter=user), ["post_id", "reason", "note", "status", "created"]
        ),
        "thread_follows": rows_of(
            ThreadFollow.objects.filter(user=user), ["thread_id", "thread__title", "state"]
        ),
    }


exporter_register(Exporter(key="deliberation", tables=tables))
