"""What deliberation adds to digests: busy threads in your arenas, and — for facilitators — open flags
and busy threads that still have no summary."""

from bisect import bisect_left
from collections import defaultdict
from datetime import timedelta

from django.db.models import Count, F, Q, Window
from django.db.models.functions import RowNumber
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from arenas.digest import memberships_of_many, waiting_items_register
from arenas.models import Arena, Membership
from platform_core.notifications.registry import DigestSection, digest_section_register

from .models import Flag, Thread

BUSY_THREAD_POSTS = 3  # new posts in the period that make a thread "busy"
UNSUMMARISED_AFTER = 20  # posts after which a thread should have a summary
BUSY_THREADS_SHOWN = 5
UNSUMMARISED_SHOWN = 10


def _since(notifications) -> timezone.datetime:
    times = [n.created for n in notifications]
    return min(times) if times else timezone.now() - timedelta(days=1)


def busy_threads(*, user, notifications) -> dict | None:
    arena_ids = Membership.objects.filter(user=user, banned=False).values("arena_id")
    threads = (
        Thread.objects.filter(arena_id__in=arena_ids, arena__status=Arena.Status.OPEN)
        .annotate(recent=Count("posts", filter=Q(posts__created__gte=_since(notifications))))
        .filter(recent__gte=BUSY_THREAD_POSTS)
        .select_related("arena")
        .order_by("-recent", "-last_activity_at")[:BUSY_THREADS_SHOWN]
    )
    return _busy_section(threads)


def _busy_section(threads) -> dict | None:
    items = [
        {
            "text": ngettext(
                "%(arena)s — %(thread)s: %(count)d new post",
                "%(arena)s — %(thread)s: %(count)d new posts",
                thread.recent,
            )
            % {"arena": thread.arena.title, "thread": thread.title, "count": thread.recent},
            "url": thread.get_absolute_url(),
        }
        for thread in threads
    ]
    return {"title": _("Busy threads"), "items": items} if items else None


def busy_threads_batch(*, users, notifications):
    """``busy_threads`` for a batch in three queries: the readers' memberships, the threads of their open
    arenas busy since the earliest reader's period began, and those threads' posts since then, from which
    each reader's own count (since their own period began) is taken."""
    memberships = memberships_of_many(users)
    since = {user.pk: _since(notifications.get(user.pk, [])) for user in users}
    open_arenas = {
        m.arena_id for ms in memberships.values() for m in ms if m.arena.status == Arena.Status.OPEN
    }
    candidates: dict[int, Thread] = {}
    posted: dict[int, list] = defaultdict(list)
    if open_arenas and since:
        earliest = min(since.values())
        candidates = {
            thread.pk: thread
            for thread in Thread.objects.filter(arena_id__in=open_arenas)
            .annotate(recent=Count("posts", filter=Q(posts__created__gte=earliest)))
            .filter(recent__gte=BUSY_THREAD_POSTS)
            .select_related("arena")
        }
    if candidates:
        for thread_id, created in (
            Thread.objects.filter(pk__in=list(candidates), posts__created__gte=earliest)
            .values_list("pk", "posts__created")
            .order_by("pk", "posts__created")
        ):
            posted[thread_id].append(created)
    by_arena: dict[int, list[Thread]] = defaultdict(list)
    for thread in candidates.values():
        by_arena[thread.arena_id].append(thread)

    def build(*, user, notifications) -> dict | None:
        mine = {m.arena_id for m in memberships.get(user.pk, [])} & open_arenas
        busy = []
        for arena_id in mine:
            for thread in by_arena.get(arena_id, []):
                times = posted[thread.pk]
                recent = len(times) - bisect_left(times, _since(notifications))
                if recent >= BUSY_THREAD_POSTS:
                    busy.append((recent, thread))
        busy.sort(key=lambda pair: (-pair[0], -pair[1].last_activity_at.timestamp(), pair[1].pk))
        shown = []
        for recent, thread in busy[:BUSY_THREADS_SHOWN]:
            thread.recent = recent  # what this reader's line says: the object is shared by the batch
            shown.append(thread)
        return _busy_section(shown)

    return build


@waiting_items_register
def deliberation_waiting(arenas: list[Arena]):
    ids = [a.pk for a in arenas]
    flags = dict(
        Flag.objects.filter(status=Flag.Status.OPEN, post__thread__arena_id__in=ids)
        .values("post__thread__arena_id")
        .annotate(n=Count("pk"))
        .values_list("post__thread__arena_id", "n")
    )
    # Each arena's ten longest: whoever facilitates several arenas is shown the ten longest among theirs.
    unsummarised = list(
        Thread.objects.filter(
            arena_id__in=ids, summary__isnull=True, post_count__gte=UNSUMMARISED_AFTER, locked=False
        )
        .annotate(
            rank=Window(RowNumber(), partition_by=F("arena_id"), order_by=[F("post_count").desc(), F("pk")])
        )
        .filter(rank__lte=UNSUMMARISED_SHOWN)
        .select_related("arena")
        .order_by("-post_count", "pk")
    )

    def items_of(theirs: list[Arena]) -> list[dict]:
        mine = {arena.pk for arena in theirs}
        items = []
        for arena in theirs:
            if flags.get(arena.pk):
                items.append(
                    {
                        "text": ngettext(
                            "%(arena)s: %(count)d flag to review",
                            "%(arena)s: %(count)d flags to review",
                            flags[arena.pk],
                        )
                        % {"arena": arena.title, "count": flags[arena.pk]},
                        "url": f"{arena.get_absolute_url()}moderation/",
                    }
                )
        for thread in [t for t in unsummarised if t.arena_id in mine][:UNSUMMARISED_SHOWN]:
            items.append(
                {
                    "text": _("%(arena)s — “%(thread)s” has %(count)d posts and no summary yet")
                    % {"arena": thread.arena.title, "thread": thread.title, "count": thread.post_count},
                    "url": thread.get_absolute_url(),
                }
            )
        return items

    return items_of


digest_section_register(
    DigestSection("deliberation.busy_threads", order=20, build=busy_threads, batch=busy_threads_batch)
)
