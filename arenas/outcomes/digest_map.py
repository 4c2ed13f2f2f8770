"""The facilitator digest's "Voice balance" section: for each arena whose insights the reader may see
(``arenas.view_insights``: facilitators and up), which stakeholder groups' share of the week's posts,
endorsements or feedback is out of line with their share of the members — one sentence per flagged group
and measure, percentages in the reader's language. Nothing when nothing is flagged.

The figures are the arena's, not the reader's: digests are rendered one reader at a time in the delivery
tasks, so the week's voice balance of an arena is computed once per hour (the digests' batch: beat sends
those due each hour) and kept in the cache for every other facilitator of that arena in the batch. Only
the counts are cached; the sentences are said in each reader's language."""

from datetime import timedelta

from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from arenas.access import org_roles_remember
from arenas.digest import arenas_facilitated_by, arenas_facilitated_by_many
from arenas.models import StakeholderType
from arenas.policy import can
from platform_core.notifications.registry import DigestSection, digest_section_register

from .people import MEASURES, voice_balance_of

WEEK = timedelta(days=7)
CACHED_FOR = 2 * 60 * 60  # seconds: longer than a batch, shorter than the next day's digest

# The groups as a sentence's subject ("Residents hold 60% of the seats…").
PEOPLE = {
    StakeholderType.RESIDENT: gettext_lazy("Residents"),
    StakeholderType.SERVICE_USER: gettext_lazy("Service users"),
    StakeholderType.CIVIL_SOCIETY: gettext_lazy("Civil-society organisations"),
    StakeholderType.BUSINESS: gettext_lazy("Businesses"),
    StakeholderType.PUBLIC_EMPLOYEE: gettext_lazy("Public employees"),
    StakeholderType.EXPERT: gettext_lazy("Experts and researchers"),
    StakeholderType.ELECTED_OFFICIAL: gettext_lazy("Elected officials"),
    StakeholderType.OTHER: gettext_lazy("Members of other groups"),
}


def _sentence(measure: str) -> str:
    return {
        "posts": _(
            "%(arena)s: %(group)s hold %(seats)s%% of the seats but wrote %(share)s%% of the posts this week."
        ),
        "endorsements": _(
            "%(arena)s: %(group)s hold %(seats)s%% of the seats but gave %(share)s%% of the endorsements this week."
        ),
        "feedback": _(
            "%(arena)s: %(group)s hold %(seats)s%% of the seats but gave %(share)s%% of the feedback this week."
        ),
    }[measure]


def _percent(share: float) -> str:
    return number_format(round(share * 100))


def _key(arena, hour) -> str:
    return f"outcomes:voice-week:{arena.pk}:{hour:%Y%m%d%H}"


def week_balance(*, arena, now) -> list:
    """The arena's voice balance over the seven days before ``now``'s hour, computed once per arena and
    hour (cached)."""
    hour = now.replace(minute=0, second=0, microsecond=0)
    key = _key(arena, hour)
    voices = cache.get(key)
    if voices is None:
        voices = voice_balance_of(arena=arena, since=hour - WEEK)
        cache.set(key, voices, CACHED_FOR)
    return voices


def week_balances(*, arenas, now) -> dict[int, list]:
    """``week_balance`` of many arenas: one cache round trip, the missing ones computed and kept."""
    hour = now.replace(minute=0, second=0, microsecond=0)
    keys = {_key(arena, hour): arena for arena in arenas}
    found = cache.get_many(list(keys))
    balances = {}
    for key, arena in keys.items():
        if key not in found:
            found[key] = voice_balance_of(arena=arena, since=hour - WEEK)
            cache.set(key, found[key], CACHED_FOR)
        balances[arena.pk] = found[key]
    return balances


def _items(user, arenas, balance_of) -> dict | None:
    items = []
    for arena in arenas:
        if not can(user, "arenas.view_insights", arena):
            continue
        url = reverse("outcomes:dashboard", args=[arena.slug])
        for voice in balance_of(arena):
            for measure in (m for m in MEASURES if m in voice.flags):
                items.append(
                    {
                        "text": _sentence(measure)
                        % {
                            "arena": arena.title,
                            "group": PEOPLE.get(voice.stakeholder_type, voice.label),
                            "seats": _percent(voice.member_share),
                            "share": _percent(voice.shares[measure] or 0),
                        },
                        "url": url,
                    }
                )
    return {"title": _("Voice balance"), "items": items} if items else None


def voice_balance_section(*, user, notifications, now=None) -> dict | None:
    now = now or timezone.now()
    return _items(user, arenas_facilitated_by(user), lambda arena: week_balance(arena=arena, now=now))


def voice_balance_batch(*, users, notifications, now=None):
    """For a batch: the arenas each reader facilitates (shared with "Waiting for you"), their organisation
    roles, and the figures of every arena one of them may read the insights of, from the cache at once."""
    now = now or timezone.now()
    arenas_facilitated_by_many(users)
    org_roles_remember(users)
    readable = {
        arena.pk: arena
        for user in users
        for arena in arenas_facilitated_by(user)
        if can(user, "arenas.view_insights", arena)
    }
    balances = week_balances(arenas=list(readable.values()), now=now) if readable else {}

    def build(*, user, notifications) -> dict | None:
        return _items(user, arenas_facilitated_by(user), lambda arena: balances[arena.pk])

    return build


digest_section_register(
    DigestSection("outcomes.voice_balance", order=15, build=voice_balance_section, batch=voice_balance_batch)
)
