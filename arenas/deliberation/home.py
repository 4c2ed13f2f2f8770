"""What deliberation adds to the signed-in home: open flags in the arenas the person moderates."""

from django.db.models import Count
from django.urls import reverse
from django.utils.translation import ngettext

from arenas.parts import HomeItem, HomeItems, home_items
from arenas.rules import can

from .models import Flag


def flags_waiting(*, user, arenas) -> list[HomeItem]:
    moderated = {arena.pk: arena for arena in arenas if can(user, "arenas.moderate", arena)}
    if not moderated:
        return []
    counts = (
        Flag.objects.filter(status=Flag.Status.OPEN, post__thread__arena_id__in=list(moderated))
        .order_by()
        .values("post__thread__arena_id")
        .annotate(n=Count("pk"))
        .values_list("post__thread__arena_id", "n")
    )
    return [
        HomeItem(
            text=ngettext("%(count)d flag to review", "%(count)d flags to review", n) % {"count": n},
            url=reverse("deliberation:moderation", args=[moderated[arena_id].slug]),
            arena=moderated[arena_id],
        )
        for arena_id, n in sorted(counts, key=lambda row: moderated[row[0]].title)
    ]


home_items.register(HomeItems("deliberation.flags", order=30, waiting=flags_waiting))
