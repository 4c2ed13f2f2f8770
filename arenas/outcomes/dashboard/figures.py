"""The dashboard's figures as plain dataclasses: what the page draws and the API serialises. Counts are
ints, shares floats in 0..1, weeks the date of their Monday (in the current time zone)."""

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from ..people import GroupFigures, Voice


@dataclass(frozen=True)
class WeekCount:
    week: date  # the Monday the week starts on
    count: int


@dataclass
class WeeklySeries:
    """Twelve weeks, oldest first, the current (unfinished) week last. ``total``: the members now, or the
    posts of the twelve weeks."""

    weeks: list[WeekCount]
    total: int

    def weeks_ago(self, n: int) -> int | None:
        """The count ``n`` weeks before the current one (None if the series is shorter)."""
        return self.weeks[-1 - n].count if len(self.weeks) > n else None


@dataclass(frozen=True)
class Category:
    """One bar of a category chart: a stage, an outcome, a rating. ``key`` is the machine name."""

    key: str
    label: str
    count: int


@dataclass(frozen=True)
class SessionAttendance:
    session_id: int
    title: str
    starts_at: datetime
    registered: int
    attended: int


@dataclass
class SessionFigures:
    """Upcoming: not cancelled and not over; held: not cancelled and over; cancelled. ``past`` (details
    only): the last ten held sessions, latest first, registered against attended (walk-ins included)."""

    upcoming: int
    held: int
    cancelled: int
    past: list[SessionAttendance] | None = None


@dataclass(frozen=True)
class PrototypeScore:
    prototype_id: int
    title: str
    average: float  # 1..5
    responses: int


@dataclass
class FeedbackFigures:
    """Per prototype with feedback (most responses first) and the ratings overall (1 to 5, every rating
    listed, zero or not)."""

    prototypes: list[PrototypeScore]
    ratings: list[Category]
    responses: int
    average: float | None


@dataclass(frozen=True)
class IndicatorProgress:
    """``progress``: how far the latest measurement has come from the baseline toward the target, as a
    share clamped to 0..1 (whichever way is better); None before the first measurement. ``met``: the target
    is reached (at or beyond it, in the better direction)."""

    indicator_id: int
    name: str
    unit: str
    prototype_id: int
    prototype_title: str
    direction: str
    baseline: Decimal
    target: Decimal
    latest: Decimal | None
    measured_on: date | None
    progress: float | None
    met: bool | None


@dataclass
class Dashboard:
    """Everything the dashboard shows. The public summary holds ``members``, ``mix``, ``posts``,
    ``sessions`` (counts only), ``funnel`` and ``decisions``; with ``details`` the other sections are
    filled too (None in the summary)."""

    details: bool
    members: WeeklySeries
    mix: list[GroupFigures]
    posts: WeeklySeries
    sessions: SessionFigures | None  # None: the arena has no sessions
    funnel: list[Category]
    decisions: list[Category]
    voice: list[Voice] | None = None
    feedback: FeedbackFigures | None = None
    indicators: list[IndicatorProgress] | None = None
    has_map: bool = field(default=False)
    as_of: datetime | None = None  # when the figures were counted (they are cached for a minute)
