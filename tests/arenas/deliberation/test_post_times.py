"""A page's times are asked of Django once per distinct answer (``post_times.PageTimes``): every answer
must be the one Django gives for that very post, whatever its age, the language and the time zone."""

import random
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.contrib.humanize.templatetags.humanize import naturaltime
from django.utils import formats, timezone, translation
from django.utils.dateformat import format as date_format

from arenas.deliberation.post_times import PageTimes

NOWS = [
    datetime(2026, 12, 2, 3, 17, 41, 123456, tzinfo=UTC),
    datetime(2028, 3, 1, 0, 0, 30, tzinfo=UTC),  # the day after a leap day
    datetime(2027, 1, 31, 23, 59, 59, tzinfo=UTC),  # the end of a long month
]


def ages(seed: int) -> list[timedelta]:
    """Seconds to years, dense where the words change (a minute, an hour, a day, four weeks, a year)."""
    rng = random.Random(seed)
    fixed = [timedelta(seconds=s) for s in (0, 1, 59, 60, 61, 3599, 3600, 3601, 86399, 86400, 86401)]
    fixed += [
        timedelta(days=d, seconds=s) for d in (6, 7, 27, 28, 29, 30, 31, 59, 364, 365, 366) for s in (0, 1)
    ]
    spread = [timedelta(seconds=rng.randrange(0, 3 * 365 * 86400)) for _ in range(1500)]
    bursts = [timedelta(days=3, seconds=rng.randrange(0, 7200)) for _ in range(300)]  # same hours, many posts
    return fixed + spread + bursts


@pytest.mark.parametrize("now", NOWS)
@pytest.mark.parametrize(
    ("language", "zone"), [("en", "UTC"), ("da", "Europe/Copenhagen"), ("en", "America/Nuuk")]
)
def test_every_answer_is_djangos_own(now, language, zone):
    with time_machine.travel(now, tick=False), translation.override(language), timezone.override(zone):
        times = PageTimes(formats.get_format("DATETIME_FORMAT"))
        for age in ages(seed=now.year):
            when = now - age
            local = timezone.localtime(when)
            assert times.relative(when) == naturaltime(when), (language, age)
            assert times.exact(when) == date_format(local, formats.get_format("DATETIME_FORMAT")), (
                language,
                age,
            )
        assert len(times._relative) < 1500  # the page asked Django far fewer times than it had posts


def test_a_format_with_seconds_or_a_time_zone_is_formatted_whole():
    with time_machine.travel(NOWS[0], tick=False):
        when = NOWS[0] - timedelta(minutes=5, seconds=7)
        for fmt in ("Y-m-d H:i:s", r"j. F Y \k\l. H:i T", "c"):
            assert PageTimes(fmt).exact(when) == date_format(timezone.localtime(when), fmt)
