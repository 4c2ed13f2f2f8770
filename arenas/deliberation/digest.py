"""What deliberation adds to digests: busy threads in your arenas, and — for facilitators — open flags
and busy threads that still have no summary."""

from datetime import timedelta

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from arenas.digest import waiting_items_register
from arenas.models import Arena, Membership
from platform_core.notifications.registry import DigestSection, digest_section_register

from .models import Flag, Thread

BUSY_THREAD_POSTS = 3  # new posts in the period that make a thread "busy"
UNSUMMARISED_AFTER = 20  # posts after which a thread should have a summary
BUSY_THREADS_SHOWN = 5


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


@waiting_items_register
def deliberation_waiting(arenas: list[Arena]) -> list[dict]:
    ids = [a.pk for a in arenas]
    flags = dict(
        Flag.objects.filter(status=Flag.Status.OPEN, post__thread__arena_id__in=ids)
        .values("post__thread__arena_id")
        .annotate(n=Count("pk"))
        .values_list("post__thread__arena_id", "n")
    )
    unsummarised = (
        Thread.objects.filter(
            arena_id__in=ids, summary__isnull=True, post_count__gte=UNSUMMARISED_AFTER, locked=False
        )
        .select_related("arena")
        .order_by("-post_count")[:10]
    )
    items = []
    for arena in arenas:
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
    for thread in unsummarised:
        items.append(
            {
                "text": _("%(arena)s — “%(thread)s” has %(count)d posts and no summary yet")
                % {"arena": thread.arena.title, "thread": thread.title, "count": thread.post_count},
                "url": thread.get_absolute_url(),
            }
        )
    return items


digest_section_register(DigestSection("deliberation.busy_threads", order=20, build=busy_threads))
