"""An arena's dashboard: its figures, computed in SQL aggregates (a dozen-odd queries whatever its size).

Who sees what (the policy: ``outcomes.view_dashboard`` and ``outcomes.view_dashboard_details``):

- the **public summary** — anyone, on a public arena — holds members over time, the stakeholder mix against
  the map, posts per week, the sessions' counts, the prototype funnel and decisions by kind: what the
  arena's public already sees on its pages, added up;
- the **details** — facilitators and up, on any arena they see — add the voice balance, each past
  session's registrations against attendance, feedback scores and indicators against their targets: figures
  about particular people's and teams' work that the arena's staff steer by.

``dashboard_of`` does not ask the policy: the page and the API do, and pass ``details``."""

from django.utils import timezone

from ..people import stakeholder_map_of, voice_balance_of
from .figures import Dashboard
from .sessions import session_figures
from .weekly import members_over_time, posts_per_week
from .work import decisions_by_kind, feedback_scores, indicators_against_targets, prototype_funnel


def dashboard_of(*, arena, details: bool, now=None) -> Dashboard:
    now = now or timezone.now()
    mix = stakeholder_map_of(arena=arena, now=now)
    dashboard = Dashboard(
        details=details,
        members=members_over_time(arena=arena, now=now),
        mix=mix,
        has_map=any(row.group is not None for row in mix),
        posts=posts_per_week(arena=arena, now=now),
        sessions=session_figures(arena=arena, now=now, details=details),
        funnel=prototype_funnel(arena=arena),
        decisions=decisions_by_kind(arena=arena),
    )
    if details:
        dashboard.voice = voice_balance_of(arena=arena)
        dashboard.feedback = feedback_scores(arena=arena)
        dashboard.indicators = indicators_against_targets(arena=arena)
    return dashboard


__all__ = ["Dashboard", "dashboard_of"]
