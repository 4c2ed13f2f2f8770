"""What prototypes add to the signed-in home: rounds the person leads that are past their end date and not
finished (waiting), and rounds in their arenas that end soon (deadlines)."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from arenas.parts import HomeItem, HomeItems, home_items
from arenas.rules import can

from .models import Iteration, TeamMember

SHOWN = 10


def _item(text: str, iteration: Iteration, arena) -> HomeItem:
    return HomeItem(
        text=text % {"round": iteration.number, "prototype": iteration.prototype.title},
        url=reverse("prototypes:detail", args=[arena.slug, iteration.prototype_id]),
        arena=arena,
        when=iteration.end_date,
    )


def rounds_to_finish(*, user, arenas) -> list[HomeItem]:
    """Rounds of prototypes the person leads, past their end date and not done, where they may still act."""
    acting = {arena.pk: arena for arena in arenas if can(user, "arenas.act", arena)}
    if not acting:
        return []
    rounds = (
        Iteration.objects.filter(
            prototype__arena_id__in=list(acting),
            prototype__team__user=user,
            prototype__team__role=TeamMember.Role.LEAD,
            end_date__lt=timezone.localdate(),
        )
        .exclude(status=Iteration.Status.DONE)
        .select_related("prototype")
        .order_by("end_date", "pk")[:SHOWN]
    )
    return [
        _item(
            _("Round %(round)d of “%(prototype)s” is past its end date: finish it"),
            r,
            acting[r.prototype.arena_id],
        )
        for r in rounds
    ]


def rounds_ending(*, user, arenas, today, until) -> list[HomeItem]:
    by_pk = {arena.pk: arena for arena in arenas}
    if not by_pk:
        return []
    rounds = (
        Iteration.objects.filter(
            prototype__arena_id__in=list(by_pk), end_date__gte=today, end_date__lte=until
        )
        .exclude(status=Iteration.Status.DONE)
        .select_related("prototype")
        .order_by("end_date", "pk")[:SHOWN]
    )
    return [
        _item(_("Round %(round)d of “%(prototype)s” ends"), r, by_pk[r.prototype.arena_id]) for r in rounds
    ]


home_items.register(
    HomeItems("prototypes.rounds", order=40, waiting=rounds_to_finish, deadlines=rounds_ending)
)
