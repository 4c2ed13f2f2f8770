"""Benchmark: the dashboard and the open data of an arena of 10,000 members and 100,000 posts.

    python manage.py bench_outcomes [--members 10000] [--posts 100000] [--repeat 7]

Seeds, in bulk, a public arena with that many members of several stakeholder types and a stakeholder map,
the posts across threads of 1,000, prototypes with rounds, feedback and indicators, sessions with
attendance, and decisions. Then measures, through Django's test client as a convener (the full view, no
network):
(a) the dashboard, page and endpoint: the median of ``--repeat`` runs counted afresh (its cached figures
    dropped before each: what the first viewer of the minute pays) and of as many served from the cache
    (everyone else that minute), and the queries of each;
(b) the export, zip and JSON: rows per second while the stream is consumed chunk by chunk, and how much the
    process's memory grew (the resident set sampled at every chunk, and the peak ``ru_maxrss``).
Goals are printed beside the figures. Everything is rolled back at the end. Use PostgreSQL."""

import gc
import logging
import resource
import statistics
import time
from datetime import timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from arenas.deliberation.bulk import Shape, posts_bulk_create
from arenas.deliberation.models import Thread
from arenas.models import Arena, Membership, Role, StakeholderType
from arenas.prototypes.models import Feedback, Indicator, Iteration, Measurement, Prototype
from arenas.sessions.models import Attendance, Session
from platform_core.organisations.models import Organisation

from ...dashboard import dashboard_forget
from ...models import Decision, StakeholderGroup
from ...opendata.tables import TABLES

PER_THREAD = 1000
PROTOTYPES = 20
SESSIONS = 30
GOALS = {"ms": 300, "queries": 20, "rows_per_s": 20_000, "rss_mb": 50}


def _rss_mb() -> float:
    """The resident set now (not the peak), from /proc; the peak where /proc is missing."""
    try:
        with open("/proc/self/statm") as statm:
            return int(statm.read().split()[1]) * resource.getpagesize() / 2**20
    except OSError:
        return _peak_mb()


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kilobytes on Linux


class Command(BaseCommand):
    help = "Time the dashboard and the open-data export of a large arena against their goals."

    def add_arguments(self, parser):
        parser.add_argument("--members", type=int, default=10_000)
        parser.add_argument("--posts", type=int, default=100_000)
        parser.add_argument("--repeat", type=int, default=7)

    def handle(self, *args, members, posts, repeat, **options):
        logging.getLogger("django.request").setLevel(logging.ERROR)
        with transaction.atomic():
            self._run(members, posts, repeat)
            transaction.set_rollback(True)
        self.stdout.write("Rolled back: the benchmark left nothing behind.")

    def _run(self, members, posts, repeat):
        started = time.perf_counter()
        arena, convener = self._seed(members, posts)
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        self.stdout.write(
            f"Seeded {members} members and {posts} posts in {time.perf_counter() - started:.1f} s"
        )
        client = Client(HTTP_HOST="localhost")
        client.force_login(convener)
        self.stdout.write(f"{'measure':<34} {'figure':>28}   goal")
        for label, url in [
            ("dashboard page", f"/arenas/{arena.slug}/dashboard/"),
            ("dashboard endpoint", f"/api/v1/arenas/{arena.slug}/dashboard/"),
        ]:
            self._dashboard(client, arena, label, url, repeat)
        rows = self._rows(arena)
        for label, url in [
            ("export zip", f"/arenas/{arena.slug}/export/data.zip"),
            ("export JSON", f"/api/v1/arenas/{arena.slug}/export.json"),
        ]:
            self._export(client, label, url, rows)

    def _dashboard(self, client, arena, label, url, repeat):
        client.get(url)
        for extent, afresh in [("counted afresh", True), ("from the cache", False)]:
            durations = []
            for _ in range(repeat):
                if afresh:
                    dashboard_forget(arena=arena)
                began = time.perf_counter()
                response = client.get(url)
                durations.append((time.perf_counter() - began) * 1000)
            if afresh:
                dashboard_forget(arena=arena)
            with CaptureQueriesContext(connection) as queries:
                client.get(url)
            median = statistics.median(durations)
            figure = f"{median:.0f} ms, {len(queries)} q (HTTP {response.status_code})"
            ok = median <= GOALS["ms"] and len(queries) <= GOALS["queries"]
            self.stdout.write(
                f"{label + ', ' + extent:<34} {figure:>28}   ≤ {GOALS['ms']} ms, ≤ {GOALS['queries']} q"
                f" {'✓' if ok else '✗'}"
            )

    def _rows(self, arena) -> int:
        """How many rows the export holds (counted apart, so the export itself is not slowed)."""
        return sum(1 if table.one_row else sum(1 for _ in table.read(arena)) for table in TABLES)

    def _export(self, client, label, url, rows):
        gc.collect()
        before_rss, before_peak = _rss_mb(), _peak_mb()
        highest, chunks, size = before_rss, 0, 0
        began = time.perf_counter()
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
            for chunk in response.streaming_content:
                chunks += 1
                size += len(chunk)
                highest = max(highest, _rss_mb())
        seconds = time.perf_counter() - began
        highest = max(highest, _rss_mb())
        growth, peak_growth = highest - before_rss, _peak_mb() - before_peak
        speed = rows / seconds
        self.stdout.write(
            f"{label + ' rows/s':<34} {f'{speed:,.0f} ({rows:,} rows, {seconds:.2f} s)':>28}"
            f"   ≥ {GOALS['rows_per_s']:,} {'✓' if speed >= GOALS['rows_per_s'] else '✗'}"
        )
        self.stdout.write(
            f"{label + ' RSS growth':<34} {f'{growth:.1f} MB (peak +{peak_growth:.1f} MB)':>28}"
            f"   ≤ {GOALS['rss_mb']} MB {'✓' if max(growth, peak_growth) <= GOALS['rss_mb'] else '✗'}"
        )
        self.stdout.write(
            f"{label + ' stream':<34} {f'{chunks} chunks, {size / 2**20:.1f} MB, {len(queries)} q':>28}"
        )

    # --- seeding, in bulk ----------------------------------------------------------------------------------

    def _seed(self, members, posts):
        User = get_user_model()
        now = timezone.now()
        organisation = Organisation.objects.create(name="Bench municipality", slug="bench-outcomes-org")
        arena = Arena.objects.create(
            organisation=organisation,
            title="Bench outcomes arena",
            slug="bench-outcomes-arena",
            problem_statement="How might we measure what an arena of this size costs?",
            visibility=Arena.Visibility.PUBLIC,
            status=Arena.Status.OPEN,
        )
        kinds = StakeholderType.values
        users = User.objects.bulk_create(
            [
                User(email=f"bench-o-{n}@bench.invalid", handle=f"bench-o-{n}", password="!")
                for n in range(members)
            ],
            batch_size=2000,
        )
        Membership.objects.bulk_create(
            [
                Membership(
                    arena=arena,
                    user=u,
                    role=Role.CONVENER if n == 0 else Role.PARTICIPANT,
                    stakeholder_type=kinds[n % 5 if n % 3 else 0],  # residents dominate
                    created=now - timedelta(minutes=n),
                )
                for n, u in enumerate(users)
            ],
            batch_size=2000,
        )
        StakeholderGroup.objects.bulk_create(
            [
                StakeholderGroup(arena=arena, stakeholder_type=kind, target=members // 4, order=n)
                for n, kind in enumerate(kinds[:4])
            ]
        )
        ids = [u.pk for u in users]
        authors = ids[: max(1, len(ids) // 5)]
        threads = []
        for start in range(0, posts, PER_THREAD):
            thread = Thread.objects.create(
                arena=arena, title=f"Thread {start // PER_THREAD}", author_id=ids[0]
            )
            size = min(PER_THREAD, posts - start)
            posts_bulk_create(
                thread,
                size,
                author_ids=authors,
                endorser_ids=authors[:3],
                shape=Shape(hidden_every=50, deleted_every=97, spread=timedelta(minutes=3)),
            )
            threads.append(thread)
        prototypes = Prototype.objects.bulk_create(
            [Prototype(arena=arena, title=f"Prototype {n}", stage="testing") for n in range(PROTOTYPES)]
        )
        rounds = Iteration.objects.bulk_create(
            [Iteration(prototype=p, number=k, goal="Learn") for p in prototypes for k in (1, 2, 3)]
        )
        Feedback.objects.bulk_create(
            [
                Feedback(
                    prototype=r.prototype, iteration=r, author_id=uid, rating=1 + uid % 5, would_use="yes"
                )
                for r in rounds
                for uid in ids[1 : min(len(ids), 40)]
            ],
            batch_size=2000,
        )
        indicators = Indicator.objects.bulk_create(
            [
                Indicator(prototype=p, name="Cars", baseline=Decimal(100), target=Decimal(60))
                for p in prototypes
            ]
        )
        Measurement.objects.bulk_create(
            [
                Measurement(indicator=i, date=(now - timedelta(weeks=w)).date(), value=Decimal(100 - w))
                for i in indicators
                for w in range(10)
            ]
        )
        sessions = Session.objects.bulk_create(
            [
                Session(
                    arena=arena,
                    title=f"Workshop {n}",
                    starts_at=now - timedelta(days=n),
                    ends_at=now - timedelta(days=n) + timedelta(hours=2),
                    status=Session.Status.HELD,
                )
                for n in range(1, SESSIONS + 1)
            ]
        )
        Attendance.objects.bulk_create(
            [Attendance(session=s, user_id=uid) for s in sessions for uid in ids[: min(len(ids), 50)]],
            batch_size=2000,
        )
        Decision.objects.bulk_create(
            [
                Decision(arena=arena, thread=t, outcome="adopted", reason="Done", decided_by_id=ids[0])
                for t in threads[:10]
            ]
            + [
                Decision(arena=arena, prototype=p, outcome="deferred", reason="Later", decided_by_id=ids[0])
                for p in prototypes[:10]
            ]
        )
        return arena, users[0]
