"""The dashboard's figures are counted at most once a minute per arena, extent and language."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from arenas.outcomes.dashboard import dashboard_for
from tests.factories import ArenaFactory, PrototypeFactory

pytestmark = pytest.mark.django_db


def test_a_second_look_within_the_minute_costs_no_query_and_shows_when_it_was_counted():
    arena = ArenaFactory()
    first = dashboard_for(arena=arena, details=True)

    with CaptureQueriesContext(connection) as queries:
        again = dashboard_for(arena=arena, details=True)

    assert len(queries) == 0
    assert again.as_of == first.as_of is not None


def test_the_summary_the_details_and_each_language_are_kept_apart():
    arena = ArenaFactory()
    PrototypeFactory(arena=arena)

    summary = dashboard_for(arena=arena, details=False)
    details = dashboard_for(arena=arena, details=True)
    with translation.override("da"):
        danish = dashboard_for(arena=arena, details=False)

    assert summary.voice is None and details.voice is not None
    assert summary.funnel[0].label == "Idea"
    assert danish.funnel[0].label != "Idea"  # "Idé"
