"""Benchmark: does a thread of 10,000 posts open as fast as one of 10?

    python manage.py bench_threads [--posts 10000] [--repeat 15]

Builds a public arena with two threads (10 posts, and N posts with replies, endorsements and many authors),
then times the first and the last page of the thread page and of the posts endpoint for each, through
Django's test client (the full view, templates and queries, no network). Prints the fastest run and the
median of each, query counts and the ratios long/short: on a shared, noisy machine the fastest run is the
steadiest estimate of what a page costs, the median what a visitor would see. Everything is rolled back at the end. Use PostgreSQL for figures worth comparing.
"""

import logging
import statistics
import time
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext

from arenas.deliberation.bulk import Shape, posts_bulk_create
from arenas.deliberation.models import Thread
from arenas.models import Arena, Membership
from platform_core.bench import BenchCommand
from platform_core.organisations.models import Organisation

AUTHORS = 200


class Command(BenchCommand):
    help = "Time the thread page and the posts endpoint on a 10,000-post thread against a 10-post one."

    def add_arguments(self, parser):
        parser.add_argument("--posts", type=int, default=10_000)
        parser.add_argument("--repeat", type=int, default=30)

    def handle(self, *args, posts, repeat, **options):
        logging.getLogger("django.request").setLevel(logging.ERROR)
        with transaction.atomic():
            self._run(posts, repeat)
            transaction.set_rollback(True)
        self.stdout.write("Rolled back: the benchmark left nothing behind.")

    def _run(self, size, repeat):
        started = time.perf_counter()
        arena, viewer = self._arena()
        short = self._thread(arena, 10, "Short thread")
        long = self._thread(arena, size, "Long thread")
        if connection.vendor == "postgresql":
            # A live database has statistics on its tables; fresh rows in an open transaction have none,
            # and without them the planner picks a scan for the replies query.
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE deliberation_post, deliberation_endorsement, deliberation_thread")
        self.stdout.write(f"Built threads of 10 and {size} posts in {time.perf_counter() - started:.1f} s")

        client = Client(HTTP_HOST="localhost")
        client.force_login(viewer)
        rows = []
        for label, url in [
            ("thread page, first page", "/arenas/{slug}/threads/{id}/"),
            ("thread page, last page", "/arenas/{slug}/threads/{id}/?page=last"),
            ("posts endpoint, first page", "/api/v1/threads/{id}/posts/"),
        ]:
            timings = {}
            for name, thread in (("short", short), ("long", long)):
                target = url.format(slug=arena.slug, id=thread.pk)
                if target.endswith("?page=last"):
                    pages = max(1, -(-thread.top_level_count // 50))
                    target = target.replace("page=last", f"page={pages}")
                timings[name] = self._time(client, target, repeat)
            rows.append((label, timings["short"], timings["long"]))
        for label, short, long in rows:
            (short_min, short_med, short_q, short_status), (long_min, long_med, long_q, long_status) = (
                short,
                long,
            )
            statuses = "" if short_status == long_status == 200 else f" (HTTP {short_status}/{long_status})"
            self.result(f"{label}, 10 posts", f"{short_min:.1f} / {short_med:.1f} ms, {short_q} q{statuses}")
            self.result(
                f"{label}, {size:,} posts",
                f"{long_min:.1f} / {long_med:.1f} ms, {long_q} q ({long_min / short_min:.2f}× / {long_med / short_med:.2f}×)",
                "flat: ≤ 1.5× of 10 posts, same queries",
                long_med / short_med <= 1.5 and long_q == short_q,
            )

    def _time(self, client, url, repeat):
        client.get(url)  # warm up
        durations = []
        for _ in range(repeat):
            started = time.perf_counter()
            response = client.get(url)
            durations.append((time.perf_counter() - started) * 1000)
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        return min(durations), statistics.median(durations), len(queries), response.status_code

    def _arena(self):
        User = get_user_model()
        organisation = Organisation.objects.create(name="Bench municipality", slug="bench-municipality-x")
        arena = Arena.objects.create(
            organisation=organisation,
            title="Bench arena",
            slug="bench-arena-x",
            problem_statement="p",
            visibility=Arena.Visibility.PUBLIC,
            status=Arena.Status.OPEN,
        )
        users = User.objects.bulk_create(
            [
                User(email=f"bench-author-{n}@bench.invalid", handle=f"bench-author-{n}", password="!")
                for n in range(AUTHORS)
            ]
        )
        Membership.objects.bulk_create([Membership(arena=arena, user=u) for u in users])
        return arena, users[0]

    def _thread(self, arena, size, title):
        User = get_user_model()
        authors = list(User.objects.filter(email__startswith="bench-author-").values_list("pk", flat=True))
        thread = Thread.objects.create(arena=arena, title=title, body="Opening text")
        return posts_bulk_create(
            thread,
            size,
            author_ids=authors,
            shape=Shape(spread=timedelta(minutes=7)),  # spread over weeks
        )
