"""``make bench`` (``manage.py bench``): the benchmarks run at small sizes, leave nothing behind and print
one table of their figures, each beside its goal."""

from io import StringIO

import pytest
from django.core.management import call_command

from arenas.models import Arena
from platform_core.accounts.models import User

pytestmark = pytest.mark.django_db


def test_the_benchmarks_print_one_table_and_leave_nothing_behind(settings, tmp_path):
    settings.VAR_DIR = tmp_path
    out, err = StringIO(), StringIO()

    call_command("bench", "--quick", "--only", "bench_fanout", "bench_pages", stdout=out, stderr=err)

    table = out.getvalue()
    assert "post, 2,000 follow" in table and "≤ 1.5× of nobody" in table
    assert "arena page, 1,000 members, 1,000 posts" in table
    assert "trivial view (the whole middleware)" in table
    assert table.rstrip().endswith("short of their goal.")
    # Each benchmark's own output is kept beside the table.
    assert "Rolled back" in (tmp_path / "bench" / "bench_fanout.txt").read_text()
    assert "Rolled back" in (tmp_path / "bench" / "bench_pages.txt").read_text()
    assert not Arena.objects.filter(slug__startswith="bench-").exists()
    assert not User.objects.filter(email__endswith="@bench.invalid").exists()
