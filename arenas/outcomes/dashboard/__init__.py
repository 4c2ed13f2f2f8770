"""An arena's dashboard: its figures, computed in SQL aggregates (a dozen-odd queries whatever its size).

Who sees what (the policy: ``outcomes.view_dashboard`` and ``outcomes.view_dashboard_details``):

- the **public summary** — anyone, on a public arena — holds members over time, the stakeholder mix against
  the map, posts per week, the sessions' counts, the prototype funnel and decisions by kind: what the
  arena's public already sees on its pages, added up;
- the **details** — facilitators and up, on any arena they see — add the voice balance, each past
  session's registrations against attendance, feedback scores and indicators against their targets: figures
  about particular people's and teams' work that the arena's staff steer by.

``dashboard_of`` does not ask the policy: the page and the API do, and pass ``details``. They read it
through ``dashboard_for``, which keeps the figures for ``CACHE_FOR`` seconds: a dashboard need not be
right to the second, and a large arena's (10,000 members, 100,000 posts) costs a few hundred milliseconds
of database time to count — paid once a minute, not by every visitor of a public arena's summary."""

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone
from django.utils.translation import get_language

from ..people import stakeholder_map_of, voice_balance_of
from .figures import Dashboard
from .sessions import session_figures, sessions_part
from .tally import tally
from .weekly import members_over_time, members_part, posts_part, posts_per_week, weeks_until
from .work import (
    decisions_by_kind,
    feedback_scores,
    indicators_against_targets,
    outcomes_part,
    prototype_funnel,
    ratings_part,
    stages_part,
)


def dashboard_of(*, arena, details: bool, now=None) -> Dashboard:
    """The summary in four queries (the counts in one ``tally``, the map's three), the details in seven
    more (the voice balance's four, past sessions, prototypes' scores, indicators)."""
    now = now or timezone.now()
    weeks = weeks_until(now)
    parts = {
        "members": members_part(arena=arena, weeks=weeks),
        "posts": posts_part(arena=arena, weeks=weeks),
        "sessions": sessions_part(arena=arena, now=now),
        "stages": stages_part(arena=arena),
        "outcomes": outcomes_part(arena=arena),
    }
    if details:
        parts["ratings"] = ratings_part(arena=arena)
    counts = tally(parts)
    mix = stakeholder_map_of(arena=arena, now=now)
    dashboard = Dashboard(
        details=details,
        members=members_over_time(counts["members"], weeks),
        mix=mix,
        has_map=any(row.group is not None for row in mix),
        posts=posts_per_week(counts["posts"], weeks),
        sessions=session_figures(counts["sessions"], arena=arena, now=now, details=details),
        funnel=prototype_funnel(counts["stages"]),
        decisions=decisions_by_kind(counts["outcomes"]),
        as_of=now,
    )
    if details:
        dashboard.voice = voice_balance_of(arena=arena)
        dashboard.feedback = feedback_scores(counts["ratings"], arena=arena)
        dashboard.indicators = indicators_against_targets(arena=arena)
    return dashboard


CACHE_FOR = 60


def _key(arena, details: bool, language: str) -> str:
    return f"outcomes:dashboard:{arena.pk}:{'details' if details else 'summary'}:{language}"


def dashboard_for(*, arena, details: bool) -> Dashboard:
    """``dashboard_of``, counted at most once a minute per arena, extent and language (its labels are
    already translated)."""
    key = _key(arena, details, get_language())
    dashboard = cache.get(key)
    if dashboard is None:
        dashboard = dashboard_of(arena=arena, details=details)
        cache.set(key, dashboard, CACHE_FOR)
    return dashboard


def dashboard_forget(*, arena) -> None:
    """Drop what ``dashboard_for`` keeps of ``arena`` (the benchmark measures the dashboard counted afresh)."""
    cache.delete_many(
        [_key(arena, details, code) for details in (False, True) for code, _name in settings.LANGUAGES]
    )


__all__ = ["CACHE_FOR", "Dashboard", "dashboard_for", "dashboard_forget", "dashboard_of"]
