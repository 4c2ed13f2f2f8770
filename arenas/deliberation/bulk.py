"""Long threads in a few queries, for the thread benchmark and the tests that need thousands of posts
(the services number posts one at a time and let a person post 30 a minute). Not for the domain: nobody
is told, nothing is checked."""

from dataclasses import dataclass
from datetime import timedelta

from django.utils import timezone

from .models import Endorsement, Post, Thread


@dataclass(frozen=True)
class Shape:
    """Every ``reply_every``-th post replies to the one before; every ``hidden_every``-th is hidden,
    ``deleted_every``-th deleted, ``edited_every``-th edited (0: none); posts ``spread`` apart in time."""

    reply_every: int = 5
    hidden_every: int = 0
    deleted_every: int = 0
    edited_every: int = 0
    spread: timedelta = timedelta(0)


def _every(number: int, step: int) -> bool:
    return bool(step) and number % step == 0


def posts_bulk_create(
    thread: Thread, size: int, *, author_ids: list[int], endorser_ids=(), shape: Shape = Shape()
) -> Thread:
    """``size`` posts by ``author_ids`` in turn; each of ``endorser_ids`` endorses every third post (by
    default the authors do, in turn)."""
    now = timezone.now()
    rows, top_number = [], 0
    for number in range(1, size + 1):
        is_top = not _every(number, shape.reply_every)
        top_number += is_top
        hidden, deleted = _every(number, shape.hidden_every), _every(number, shape.deleted_every)
        rows.append(
            Post(
                thread=thread,
                author_id=author_ids[number % len(author_ids)],
                number=number,
                top_number=top_number if is_top else None,
                depth=0 if is_top else 1,
                body="" if deleted else f"Post {number}",
                body_html="" if deleted else f"<p>Post {number} with some <strong>text</strong>.</p>",
                stance="supports" if number % 3 == 0 else "",
                created=now - shape.spread * (size - number),
                edited_at=now if _every(number, shape.edited_every) else None,
                hidden_at=now if hidden else None,
                hidden_reason="Off-topic" if hidden else "",
                deleted_at=now if deleted else None,
            )
        )
    Post.objects.bulk_create(rows, batch_size=2000)
    by_number = dict(Post.objects.filter(thread=thread).values_list("number", "pk"))
    if shape.reply_every:
        replies = [
            Post(pk=by_number[n], parent_id=by_number[n - 1], root_id=by_number[n - 1])
            for n in range(shape.reply_every, size + 1, shape.reply_every)
        ]
        Post.objects.bulk_update(replies, ["parent", "root"], batch_size=2000)
    if endorser_ids:  # each of them endorses every third post
        endorsements = [
            Endorsement(post_id=by_number[n], user_id=user_id)
            for n in range(3, size + 1, 3)
            for user_id in endorser_ids
        ]
    else:  # the authors, in turn
        endorsements = [
            Endorsement(post_id=by_number[n], user_id=author_ids[(n // 3) % len(author_ids)])
            for n in range(3, size + 1, 3)
        ]
    Endorsement.objects.bulk_create(endorsements, batch_size=2000, ignore_conflicts=True)
    counts = {}
    for endorsement in endorsements:
        counts[endorsement.post_id] = counts.get(endorsement.post_id, 0) + 1
    Post.objects.bulk_update(
        [Post(pk=pk, endorsement_count=n) for pk, n in counts.items()], ["endorsement_count"], batch_size=2000
    )
    Thread.objects.filter(pk=thread.pk).update(post_count=size, top_level_count=top_number, last_number=size)
    thread.refresh_from_db()
    return thread
