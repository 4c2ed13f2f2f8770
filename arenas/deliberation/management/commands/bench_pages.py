"""Benchmark: the arena page of a big arena against a small one, and a thread page whose top-level posts
have many replies against a short thread.

    python manage.py bench_pages [--members 10000] [--posts 10000] [--replies 40] [--repeat 20] [--seconds 3]

Seeds, in bulk, a small public arena (a few members, one thread of 10 posts) and a big one (``--members``
members, ``--posts`` posts in threads of 100), and an empty arena; then times, through Django's test client
as a member of both (the full view, templates and queries, no network), the arena page of each and the
thread page of a thread of 50 top-level posts with ``--replies`` replies each against a 10-post thread.
Prints the fastest run and the median, the queries, and the ratios. On PostgreSQL it also runs the arena
page's "latest posts" query under EXPLAIN ANALYZE for the big arena and the empty one. Last, throughput:
requests a second for ``--seconds`` each, one after the other, of a trivial view through the whole
middleware (what a request costs before any page: the floor), of a 100-post thread page signed in, and
signed out (from the page cache when it is on). Everything is rolled back at the end. Use PostgreSQL for
figures worth comparing."""

import logging
import statistics
import time
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.http import HttpResponse
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings
from django.urls import include, path
from django.utils import timezone

from arenas.deliberation.bulk import Shape, posts_bulk_create
from arenas.deliberation.models import Post, Thread
from arenas.deliberation.selectors import recent_activity
from arenas.models import Arena, Membership
from arenas.page_cache import arena_pages_bump
from platform_core.bench import BenchCommand
from platform_core.organisations.models import Organisation

PER_THREAD = 100
TRIVIAL = "/bench/trivial/"
# The site's URLs and a trivial view, for the throughput figures (ROOT_URLCONF is this module then).
urlpatterns = [path(TRIVIAL[1:], lambda request: HttpResponse("ok")), path("", include("cocreate.urls"))]


class Command(BenchCommand):
    help = "Time the arena page of a big arena against a small one, and a thread page with many replies."

    def add_arguments(self, parser):
        parser.add_argument("--members", type=int, default=10_000)
        parser.add_argument("--posts", type=int, default=10_000)
        parser.add_argument("--replies", type=int, default=40)
        parser.add_argument("--repeat", type=int, default=20)
        parser.add_argument("--seconds", type=float, default=3.0)
        parser.add_argument("--quick", action="store_true", help="1,000 members and posts, shorter runs")

    def handle(self, *args, members, posts, replies, repeat, seconds, quick, **options):
        if quick:
            members, posts, replies, repeat, seconds = 1000, 1000, 20, 5, 1.0
        self.seconds = seconds
        logging.getLogger("django.request").setLevel(logging.ERROR)
        with transaction.atomic():
            self._run(members, posts, replies, repeat)
            transaction.set_rollback(True)
        self.stdout.write("Rolled back: the benchmark left nothing behind.")

    def _run(self, members, posts, replies, repeat):
        started = time.perf_counter()
        organisation = Organisation.objects.create(name="Bench pages", slug="bench-pages-x")
        users = self._users(max(members, 10))
        viewer = users[0]
        small = self._arena(organisation, "small", users[:5])
        big = self._arena(organisation, "big", users[:members])
        empty = self._arena(organisation, "empty", users[:5])
        self._thread(small, 10, users[:5])
        threads = [
            self._thread(big, min(PER_THREAD, posts - start), users[:200])
            for start in range(0, posts, PER_THREAD)
        ]
        short = self._thread(small, 10, users[:5])
        branching = self._branching(small, replies, users[:50])
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        self.stdout.write(
            f"Seeded {members} members, {posts} posts, and 50 posts with {replies} replies each"
            f" in {time.perf_counter() - started:.1f} s"
        )
        client = Client(HTTP_HOST="localhost")
        client.force_login(viewer)
        self._compare(
            client,
            repeat,
            "arena page",
            ("small arena", f"/arenas/{small.slug}/"),
            (f"{members:,} members, {posts:,} posts", f"/arenas/{big.slug}/"),
            goal=1.2,
        )
        self._compare(
            client,
            repeat,
            "thread page",
            ("10 posts", short.get_absolute_url()),
            (f"50 posts × {replies} replies", branching.get_absolute_url()),
        )
        if connection.vendor == "postgresql":
            for label, arena in ((f"{posts:,} posts", big), ("no posts", empty)):
                self.result(f"latest-posts query, arena with {label}", self._explain(arena, viewer))
        self._throughput(viewer, threads[0] if threads else short)

    def _compare(self, client, repeat, what, small, big, goal=None):
        """The big page's time against the small one's, fastest and median; ``goal``: the most the
        median may be of the small one's."""
        (small_label, small_url), (big_label, big_url) = small, big
        small_min, small_med, small_q = self._time(client, small_url, repeat)
        big_min, big_med, big_q = self._time(client, big_url, repeat)
        self.result(f"{what}, {small_label}", f"{small_min:.1f} / {small_med:.1f} ms, {small_q} q")
        ratio = big_med / small_med
        self.result(
            f"{what}, {big_label}",
            f"{big_min:.1f} / {big_med:.1f} ms, {big_q} q ({big_min / small_min:.2f}× / {ratio:.2f}×)",
            f"median ≤ {goal}× of the small one's" if goal else "",
            ratio <= goal if goal else None,
        )

    def _throughput(self, viewer, thread):
        """Requests a second, one after another: the floor (a trivial view through the whole middleware),
        then a thread page signed in and signed out."""
        url = thread.get_absolute_url()
        arena_pages_bump(thread.arena.slug)  # no copy from an earlier run (the slugs are the same)
        with override_settings(ROOT_URLCONF=__name__):
            member = Client(HTTP_HOST="localhost")
            member.force_login(viewer)
            floor = self._rate(Client(HTTP_HOST="localhost"), TRIVIAL)
            self.result("trivial view (the whole middleware)", f"{floor:,.0f} req/s")
            signed_in = self._rate(member, url)
            self.result(
                f"thread page ({thread.post_count} posts), signed in",
                f"{signed_in:,.0f} req/s (1/{floor / signed_in:.1f})",
                "≥ 1/6 of the trivial view",
                signed_in * 6 >= floor,
            )
            cached = settings.ARENA_PAGE_CACHE_SECONDS > 0
            signed_out = self._rate(Client(HTTP_HOST="localhost"), url)
            self.result(
                f"thread page, signed out{' (page cache)' if cached else ' (page cache off)'}",
                f"{signed_out:,.0f} req/s (1/{floor / signed_out:.1f})",
                "≥ 1/3 of the trivial view",
                signed_out * 3 >= floor,
            )

    def _rate(self, client, url) -> float:
        if client.get(url).status_code != 200:  # warm: templates compiled, the page cache filled
            raise RuntimeError(f"{url} did not answer 200")
        count, started = 0, time.perf_counter()
        while (elapsed := time.perf_counter() - started) < self.seconds:
            client.get(url)
            count += 1
        return count / elapsed

    def _time(self, client, url, repeat):
        response = client.get(url)  # warm up
        if response.status_code != 200:
            raise RuntimeError(f"{url} answered {response.status_code}")
        durations = []
        for _ in range(repeat):
            began = time.perf_counter()
            client.get(url)
            durations.append((time.perf_counter() - began) * 1000)
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        return min(durations), statistics.median(durations), len(queries)

    def _explain(self, arena, viewer) -> str:
        """The execution time of the query ``recent_activity`` runs for the latest posts."""
        with CaptureQueriesContext(connection) as queries:
            recent_activity(arena=arena, viewer=viewer, limit=5)
        sql = next(q["sql"] for q in queries.captured_queries if "deliberation_post" in q["sql"])
        with connection.cursor() as cursor:
            cursor.execute(f"EXPLAIN ANALYZE {sql}")
            lines = [row[0] for row in cursor.fetchall()]
        return next(line for line in lines if line.startswith("Execution Time")).split(": ")[1]

    def _users(self, count):
        User = get_user_model()
        return User.objects.bulk_create(
            [
                User(email=f"bench-pages-{n}@bench.invalid", handle=f"bench-pages-{n}", password="!")
                for n in range(count)
            ],
            batch_size=2000,
        )

    def _arena(self, organisation, name, members):
        arena = Arena.objects.create(
            organisation=organisation,
            title=f"Bench {name} arena",
            slug=f"bench-pages-{name}-x",
            problem_statement="p",
            visibility=Arena.Visibility.PUBLIC,
            status=Arena.Status.OPEN,
        )
        Membership.objects.bulk_create([Membership(arena=arena, user=u) for u in members], batch_size=2000)
        return arena

    def _thread(self, arena, size, authors):
        thread = Thread.objects.create(arena=arena, title=f"Thread of {size}", body="Opening text")
        return posts_bulk_create(
            thread, size, author_ids=[a.pk for a in authors], shape=Shape(spread=timedelta(minutes=7))
        )

    def _branching(self, arena, replies, authors):
        """50 top-level posts, each with ``replies`` replies."""
        thread = Thread.objects.create(arena=arena, title="Busy replies", body="Opening text")
        now, number, rows = timezone.now(), 0, []
        for top_number in range(1, 51):
            number += 1
            rows.append((number, top_number))
            number += replies
        tops = Post.objects.bulk_create(
            [
                Post(
                    thread=thread,
                    author=authors[n % len(authors)],
                    number=n,
                    top_number=t,
                    body=f"Post {n}",
                    body_html=f"<p>Post {n}</p>",
                    created=now,
                )
                for n, t in rows
            ]
        )
        Post.objects.bulk_create(
            [
                Post(
                    thread=thread,
                    author=authors[(top.number + k) % len(authors)],
                    number=top.number + k,
                    parent=top,
                    root=top,
                    depth=1,
                    body="Reply",
                    body_html="<p>Reply</p>",
                    created=now,
                )
                for top in tops
                for k in range(1, replies + 1)
            ],
            batch_size=2000,
        )
        Thread.objects.filter(pk=thread.pk).update(top_level_count=50, last_number=number, post_count=number)
        thread.refresh_from_db()
        return thread
