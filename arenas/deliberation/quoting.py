"""What deliberation's notifications carry for emails: an excerpt of the post or thread they are about
(computed once, for every recipient alike) and the thread they belong to, so a digest groups by thread.
A post hidden or deleted after the notification was made is not quoted (``quote_source_register``)."""

from arenas.models import Arena
from platform_core.notifications.quotes import quote_data, quotes_forget
from platform_core.notifications.registry import quote_source_register

from .models import Post, Thread

POST, THREAD = "deliberation.post", "deliberation.thread"


def _thread_group(thread: Thread) -> dict:
    return {"subgroup_key": f"thread:{thread.pk}", "subgroup_label": thread.title}


def post_notice_data(post: Post, *, thread: Thread) -> dict:
    """``notify(data=...)`` for something about ``post``: its excerpt (never of hidden or deleted text)."""
    quote = (
        {} if post.is_hidden or post.is_deleted else quote_data(kind=POST, pk=post.pk, html=post.body_html)
    )
    return {**_thread_group(thread), **quote}


def thread_notice_data(thread: Thread) -> dict:
    """``notify(data=...)`` for a thread's opening: the excerpt of its opening text."""
    return {**_thread_group(thread), **quote_data(kind=THREAD, pk=thread.pk, html=thread.body_html)}


def post_quotes_forget(post: Post, *, edited: bool = False) -> None:
    """The post was hidden or deleted (no notification keeps its excerpt) or ``edited`` (they quote its
    new text, unless it is hidden)."""
    quotable = edited and not post.is_hidden and not post.is_deleted
    quotes_forget(kind=POST, pk=post.pk, html=post.body_html if quotable else "")


def thread_quotes_forget(thread: Thread) -> None:
    """The opening text was edited: the notifications quote the new one."""
    quotes_forget(kind=THREAD, pk=thread.pk, html=thread.body_html)


def quotes_open_to_all(arena) -> bool:
    """Whether anyone may read a quote of ``arena``'s posts (it is open to view); else only its members
    in good standing get one."""
    return arena.status != Arena.Status.DRAFT and arena.visibility != Arena.Visibility.PRIVATE


def without_quote(data: dict) -> dict:
    return {key: value for key, value in data.items() if key not in ("excerpt", "quote_of")}


def _posts_still_quotable(ids: list[int]) -> set[int]:
    return set(
        Post.objects.filter(pk__in=ids, hidden_at__isnull=True, deleted_at__isnull=True).values_list(
            "pk", flat=True
        )
    )


def _threads_still_quotable(ids: list[int]) -> set[int]:
    return set(Thread.objects.filter(pk__in=ids).values_list("pk", flat=True))


quote_source_register(POST, _posts_still_quotable)
quote_source_register(THREAD, _threads_still_quotable)
