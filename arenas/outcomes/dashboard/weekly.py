"""The two weekly series: members at the end of each of the last twelve weeks, and posts written in each.

Weeks start on Monday in the current time zone (the viewer's, once the middleware has activated it); the
current, unfinished week comes last. Both are counted per week in SQL (``tally``): members by the week
they joined (everyone who joined before the twelve weeks in one bucket), then added up over the twelve
weekly numbers."""

from datetime import date, datetime, time, timedelta
from itertools import accumulate

from django.db.models import Case, CharField, DateField, Value, When
from django.db.models.functions import Cast, TruncWeek
from django.utils import timezone

from arenas.deliberation.models import Post
from arenas.models import Membership

from .figures import WeekCount, WeeklySeries

WEEKS = 12
BEFORE = "before"


def weeks_until(now: datetime, count: int = WEEKS) -> list[date]:
    """The Mondays of the ``count`` weeks up to and including ``now``'s, oldest first."""
    today = timezone.localtime(now).date()
    this_monday = today - timedelta(days=today.weekday())
    return [this_monday - timedelta(weeks=n) for n in range(count - 1, -1, -1)]


def _start_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def _week():
    """The Monday of a row's ``created``, in the current time zone, as an ISO date."""
    return Cast(Cast(TruncWeek("created"), DateField()), CharField())


def members_part(*, arena, weeks: list[date]):
    """Members (banned ones left out) by the week they joined; those who joined earlier as ``before``."""
    key = Case(
        When(created__lt=_start_of(weeks[0]), then=Value(BEFORE)), default=_week(), output_field=CharField()
    )
    return Membership.objects.filter(arena=arena, banned=False), key


def posts_part(*, arena, weeks: list[date]):
    """Posts of the twelve weeks by week (deleted ones left out; hidden ones count: they were written)."""
    posts = Post.objects.filter(
        thread__arena=arena, deleted_at__isnull=True, created__gte=_start_of(weeks[0])
    )
    return posts, _week()


def members_over_time(counts: dict[str, int], weeks: list[date]) -> WeeklySeries:
    joined = [counts.get(BEFORE, 0) + counts.get(weeks[0].isoformat(), 0)]
    joined += [counts.get(monday.isoformat(), 0) for monday in weeks[1:]]
    series = [WeekCount(monday, n) for monday, n in zip(weeks, accumulate(joined), strict=True)]
    return WeeklySeries(weeks=series, total=sum(counts.values()))


def posts_per_week(counts: dict[str, int], weeks: list[date]) -> WeeklySeries:
    series = [WeekCount(monday, counts.get(monday.isoformat(), 0)) for monday in weeks]
    return WeeklySeries(weeks=series, total=sum(week.count for week in series))
