"""The times of a page of posts — relative ("2 days, 3 hours ago") and exact on hover — as Django's
``naturaltime`` and date format give them, asked of Django once per distinct answer on the page.

Formatting a date and translating a relative time are the costliest parts of a post. Posts of one page are
rendered at one moment, in one language and time zone, so:

- the exact time's format is split into its parts as Django's ``DateFormat`` splits it; a part that depends
  only on the date (``N j, Y``) is formatted once per day, one that depends only on the time of day
  (``P``, ``H:i``) once per minute of the day;
- a relative time depends only on the counts it shows (hours and minutes, days and hours, … years and
  months), worked out with ``timesince``'s own arithmetic (calendar months and years included), so each
  distinct pair is translated once.

``tests/arenas/deliberation/test_post_times.py`` holds both equal to Django's own answers.
"""

import re
from datetime import UTC, datetime

from django.contrib.humanize.templatetags.humanize import naturaltime
from django.utils import timezone
from django.utils.dateformat import format as date_format
from django.utils.timesince import MONTHS_DAYS

# As django.utils.dateformat splits a format (a backslash escapes a letter).
FORMAT_CHARS = re.compile(r"(?<!\\)([aAbcdDeEfFgGhHiIjlLmMnNoOPrsStTUuwWyYzZ])")
ESCAPED = re.compile(r"\\(.)")
DATE_ONLY = frozenset("bdDEFjlLmMnNoStwWyYz")
TIME_OF_DAY = frozenset("aAfgGhHiP")
WEEKS_AND_BELOW = (7 * 24 * 3600, 24 * 3600, 3600, 60)


class PageTimes:
    def __init__(self, datetime_format: str):
        self.now = datetime.now(UTC)
        self.format = datetime_format
        pieces = FORMAT_CHARS.split(datetime_format)
        self.plan = [
            (("date" if piece in DATE_ONLY else "time" if piece in TIME_OF_DAY else "other"), piece)
            if i % 2
            else ("text", ESCAPED.sub(r"\1", piece))
            for i, piece in enumerate(pieces)
            if i % 2 or piece
        ]
        self.by_part = all(kind != "other" for kind, _piece in self.plan)
        self._parts: dict = {}
        self._relative: dict = {}

    def exact(self, when) -> str:
        local = timezone.localtime(when) if timezone.is_aware(when) else when
        if not self.by_part:
            return date_format(local, self.format)
        out = []
        for kind, piece in self.plan:
            if kind == "text":
                out.append(piece)
                continue
            key = (piece, local.date()) if kind == "date" else (piece, local.hour, local.minute)
            if key not in self._parts:
                self._parts[key] = date_format(local, piece)
            out.append(self._parts[key])
        return "".join(out)

    def relative(self, when) -> str:
        key = self._relative_key(when)
        if key is None:
            return naturaltime(when)
        if key not in self._relative:
            self._relative[key] = naturaltime(when)
        return self._relative[key]

    def _relative_key(self, when):
        """What ``naturaltime`` shows of ``when``, as numbers; None when only Django can tell."""
        now = self.now if timezone.is_aware(when) else self.now.replace(tzinfo=None)
        if when >= now:
            return None
        delta = now - when
        if delta.days == 0:
            seconds = delta.seconds
            if seconds == 0:
                return ("now",)
            if seconds < 60:
                return ("seconds", seconds)
            if seconds < 3600:
                return ("minutes", seconds // 60)
            return ("hours", seconds // 3600)
        counts = _since_counts(when, now)
        first = next((i for i, count in enumerate(counts) if count), None)
        if first is None:
            return None
        second = counts[first + 1] if first + 1 < len(counts) else 0
        return ("since", first, counts[first], second)


def _since_counts(d, now) -> list[int]:
    """Years, months, weeks, days, hours, minutes between ``d`` and ``now``, as ``timesince`` counts them
    (months by the calendar, from a pivot ``d`` shifted by whole months)."""
    if timezone.is_aware(now) and timezone.is_aware(d):
        now = now.astimezone(d.tzinfo)
    total_months = (now.year - d.year) * 12 + (now.month - d.month)
    if d.day > now.day or (d.day == now.day and d.time() > now.time()):
        total_months -= 1
    years, months = divmod(total_months, 12)
    pivot = d
    if years or months:
        pivot_year, pivot_month = d.year + years, d.month + months
        if pivot_month > 12:
            pivot_month -= 12
            pivot_year += 1
        pivot = datetime(
            pivot_year,
            pivot_month,
            min(MONTHS_DAYS[pivot_month - 1], d.day),
            d.hour,
            d.minute,
            d.second,
            tzinfo=d.tzinfo,
        )
    remaining, counts = (now - pivot).total_seconds(), [years, months]
    for chunk in WEEKS_AND_BELOW:
        count = int(remaining // chunk)
        counts.append(count)
        remaining -= chunk * count
    return counts
