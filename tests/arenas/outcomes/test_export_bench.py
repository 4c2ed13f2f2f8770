"""``bench_outcomes`` at a tiny size, so it does not rot: it seeds, measures, prints its table with the
goals, and leaves nothing behind."""

import io

import pytest
from django.core.management import call_command

from arenas.models import Arena

pytestmark = pytest.mark.django_db


def test_bench_outcomes_runs_small_and_rolls_back():
    out = io.StringIO()

    call_command("bench_outcomes", members=30, posts=300, repeat=1, stdout=out)

    text = out.getvalue()
    assert "Seeded 30 members and 300 posts" in text
    for line in ("dashboard page", "export zip rows/s", "export zip RSS growth", "export JSON rows/s"):
        assert line in text
    assert "≥ 20,000" in text and "≤ 50 MB" in text
    assert "Rolled back" in text
    assert not Arena.objects.filter(slug="bench-outcomes-arena").exists()
