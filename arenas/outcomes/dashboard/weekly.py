"""The two weekly series: members at the end of each of the last twelve weeks, and posts written in each.

Weeks start on Monday in the current time zone (the viewer's, once the middleware has activated it); the
current, unfinished week comes last. One query each, whatever the arena's size."""

from datetime import date, datetime, time, timedelta

from django.db.models import Count, Q
from django.db.models.functions import TruncWeek
from django.utils import timezone

from arenas.deliberation.models import Post
from arenas.models import Membership

from .figures import WeekCount, WeeklySeries

WEEKS = 12


def weeks_until(now: datetime, count: int = WEEKS) -> list[date]:
    """The Mondays of the ``count`` weeks up to and including ``now``'s, oldest first."""
    today = timezone.localtime(now).date()
    this_monday = today - timedelta(days=today.weekday())
    return [this_monday - timedelta(weeks=n) for n in range(count - 1, -1, -1)]


def _start_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def members_over_time(*, arena, now: datetime) -> WeeklySeries:
    """Members (banned ones left out) who had joined by the end of each week: conditional counts in one
    aggregate, one per week's end, and the total now."""
    weeks = weeks_until(now)
    ends = {f"w{n}": _start_of(monday + timedelta(weeks=1)) for n, monday in enumerate(weeks)}
    counts = Membership.objects.filter(arena=arena, banned=False).aggregate(
        total=Count("pk"), **{key: Count("pk", filter=Q(created__lt=end)) for key, end in ends.items()}
    )
    return WeeklySeries(
        weeks=[WeekCount(monday, counts[f"w{n}"]) for n, monday in enumerate(weeks)], total=counts["total"]
    )


def posts_per_week(*, arena, now: datetime) -> WeeklySeries:
    """Posts written in each week (deleted ones left out; hidden ones count: they were written), grouped by
    week in SQL. Weeks without posts are zero."""
    weeks = weeks_until(now)
    rows = (
        Post.objects.filter(thread__arena=arena, deleted_at__isnull=True, created__gte=_start_of(weeks[0]))
        .order_by()
        .annotate(week=TruncWeek("created"))
        .values("week")
        .annotate(n=Count("pk"))
        .values_list("week", "n")
    )
    by_week = {timezone.localtime(week).date(): n for week, n in rows}
    series = [WeekCount(monday, by_week.get(monday, 0)) for monday in weeks]
    return WeeklySeries(weeks=series, total=sum(week.count for week in series))
