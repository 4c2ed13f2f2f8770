"""``bench_search`` at a tiny size: it builds, indexes, searches as a participant (never finding what a
participant may not see), reports its figures, and leaves nothing behind."""

import re
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from platform_core.accounts.models import User
from platform_core.search.models import SearchDocument

pytestmark = pytest.mark.django_db


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the benchmark needs PostgreSQL")
def test_the_benchmark_reports_every_kind_of_query_and_leaves_nothing_behind():
    out = StringIO()
    call_command(
        "bench_search",
        "--posts",
        "3000",
        "--threads",
        "30",
        "--arenas",
        "10",
        "--queries",
        "35",
        "--creates",
        "16",
        stdout=out,
    )
    report = out.getvalue()

    assert "Built 10 arenas, 30 threads, 3,000 posts" in report
    # 3,000 posts less the 0.5% deleted, the threads and the arenas
    assert "Index: 3,025 documents" in report
    for kind in (
        "one common word",
        "one rare word",
        "two words",
        "a phrase",
        "a Danish word",
        "word -other",
        "a or b",
        "all",
    ):
        assert re.search(rf"^{re.escape(kind)} +\d+ +[\d.]+ ms +[\d.]+ ms +[\d.]+ ms$", report, re.M), kind
    assert re.search(r"queries per search: \[[\d, ]+\]", report)
    assert re.search(r"^post_create: [\d.]+ ms with the index kept current, [\d.]+ ms without", report, re.M)
    assert re.search(
        r"^posting the form: [\d.]+ ms with the index kept current, [\d.]+ ms without", report, re.M
    )
    assert "hidden or private hits: 0" in report
    assert not User.objects.filter(email__endswith="@bench.invalid").exists()
    assert not SearchDocument.objects.exists()


def test_on_sqlite_it_says_it_needs_postgresql(settings, monkeypatch):
    monkeypatch.setattr(connection, "vendor", "sqlite")
    with pytest.raises(CommandError, match="needs PostgreSQL"):
        call_command("bench_search", "--posts", "10")
