"""Benchmark: what telling many people costs the person who acts, and how fast they are told after.

    python manage.py bench_fanout [--audience 10000] [--repeat 11]

Seeds an open arena whose ``--audience`` members all follow one thread, and a second thread nobody
follows; then measures, through Django's test client (the full view, no network):
(a) a post to each thread — the median of ``--repeat`` posts, each by another member (posts are
    rate-limited per person) — and the same post told in the request, as before fan-outs (fewer repeats);
(b) a phase change in that arena against one in an arena of one member (the service);
(c) telling the audience in the background: the fan-out's expansion, people per second, queries a batch.
Goals are printed beside the figures: the actor waits within 1.5× of an action nobody hears about.
Everything runs in one transaction rolled back at the end; the expansion runs in this process (a worker
does the same). Works on PostgreSQL and on the SQLite of ``make run``."""

import logging
import statistics
import time

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from arenas.models import Arena, Membership, Phase, Role, StakeholderType
from arenas.services.arenas import arena_phase_set
from platform_core.bench import BenchCommand
from platform_core.notifications import fanout, services
from platform_core.notifications.models import NotificationEvent
from platform_core.organisations.models import Organisation
from platform_core.ratelimits import rate_limits_reset

from ...models import Thread, ThreadFollow

GOAL_RATIO = 1.5


class Command(BenchCommand):
    help = "Time a post to a thread's many followers and a phase change against the same to nobody."

    def add_arguments(self, parser):
        parser.add_argument("--audience", type=int, default=10_000)
        parser.add_argument("--repeat", type=int, default=11)

    def handle(self, *args, audience, repeat, **options):
        logging.getLogger("django.request").setLevel(logging.ERROR)
        with transaction.atomic():
            self._run(audience, repeat)
            transaction.set_rollback(True)
        self.stdout.write("Rolled back: the benchmark left nothing behind.")

    def _run(self, audience, repeat):
        started = time.perf_counter()
        self.prefix = f"bench-f{int(time.time())}"
        big, small, crowd, authors, convener = self._seed(audience, repeat)
        self.stdout.write(
            f"Seeded {audience} followers in {time.perf_counter() - started:.1f} s ({connection.vendor})"
        )
        quiet = Thread.objects.create(arena=big, title="Nobody follows this", author_id=convener.pk)
        loud = Thread.objects.create(arena=big, title="Everyone follows this", author_id=convener.pk)
        ThreadFollow.objects.bulk_create(
            [ThreadFollow(thread=loud, user_id=pk) for pk in crowd], batch_size=5000
        )
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")

        writers = iter(authors)
        nobody = self._posts(quiet, writers, repeat)
        many = self._posts(loud, writers, repeat)
        self.result("post, nobody follows", f"{nobody:.1f} ms", "", None)
        self._ratio(f"post, {audience:,} follow", many, nobody)
        previous = services.INLINE_LIMIT
        services.INLINE_LIMIT = 10**9  # as before: everyone told inside the request
        try:
            inline = self._posts(loud, writers, max(1, repeat // 4))
        finally:
            services.INLINE_LIMIT = previous
        self.result(
            f"post, {audience:,} told in the request (before)",
            f"{inline:.0f} ms ({inline / nobody:.1f}×)",
            "",
            None,
        )

        alone = self._phases(small, convener, repeat)
        members = self._phases(big, convener, repeat)
        self.result("phase change, 1 member", f"{alone:.1f} ms", "", None)
        self._ratio(f"phase change, {audience:,} members", members, alone)

        fan = NotificationEvent.objects.filter(event="deliberation.followed_post").order_by("created").first()
        with CaptureQueriesContext(connection) as queries:
            began = time.perf_counter()
            told, finished = fanout.fanout_expand(fanout_id=fan.pk, seconds=3600)
            seconds = time.perf_counter() - began
        batches = -(-told // settings.NOTIFICATIONS_FANOUT_BATCH)
        self.result(
            f"telling {told:,} in the background",
            f"{seconds:.1f} s = {told / seconds:,.0f}/s, {len(queries) / max(1, batches):.0f} q a batch",
            f"≤ 10 s for 100,000 ({100_000 / (told / seconds):.1f} s at this rate)",
            finished and 100_000 / (told / seconds) <= 10,
        )

    def _seed(self, audience, repeat):
        User = get_user_model()
        organisation = Organisation.objects.create(name="Bench fan-out", slug=f"{self.prefix}-org")
        arenas = []
        for suffix in ("big", "small"):
            arena = Arena.objects.create(
                organisation=organisation,
                title=f"Bench fan-out {suffix}",
                slug=f"{self.prefix}-{suffix}",
                problem_statement="How many people can one post tell?",
                visibility=Arena.Visibility.PUBLIC,
                status=Arena.Status.OPEN,
            )
            Phase.objects.bulk_create([Phase(arena=arena, order=n, name=f"Phase {n}") for n in range(2)])
            arenas.append(arena)
        big, small = arenas
        writers = 3 * repeat + 2
        users = User.objects.bulk_create(
            [
                User(email=f"{self.prefix}-{n}@bench.invalid", handle=f"{self.prefix}-{n}", password="!")
                for n in range(audience + writers + 1)
            ],
            batch_size=2000,
        )
        convener, authors, crowd = users[0], users[1 : writers + 1], users[writers + 1 :]
        Membership.objects.bulk_create(
            [Membership(arena=arena, user=convener, role=Role.CONVENER) for arena in arenas]
            + [
                Membership(
                    arena=big, user=u, role=Role.PARTICIPANT, stakeholder_type=StakeholderType.RESIDENT
                )
                for u in authors + crowd
            ],
            batch_size=5000,
        )
        return big, small, [u.pk for u in crowd], authors, convener

    def _posts(self, thread, writers, repeat) -> float:
        """The median time of ``repeat`` posts to ``thread`` through the page's form, in ms."""
        url = reverse("deliberation:post-create", kwargs={"slug": thread.arena.slug, "thread_id": thread.pk})
        durations = []
        for _ in range(repeat + 1):
            client = Client(HTTP_HOST="localhost")
            client.force_login(next(writers))
            rate_limits_reset()
            began = time.perf_counter()
            response = client.post(url, {"body": "Could the crossing guard start at 7:45?"})
            durations.append((time.perf_counter() - began) * 1000)
            assert response.status_code == 302, response.status_code
        return statistics.median(durations[1:])  # the first warms the caches

    def _phases(self, arena, convener, repeat) -> float:
        phases = list(arena.phases.order_by("order"))
        durations = []
        for n in range(repeat + 1):
            began = time.perf_counter()
            arena_phase_set(arena=arena, actor=convener, phase=phases[(n + 1) % 2])
            durations.append((time.perf_counter() - began) * 1000)
        return statistics.median(durations[1:])

    def _ratio(self, label, ms, baseline):
        ratio = ms / baseline
        self.result(label, f"{ms:.1f} ms ({ratio:.2f}×)", f"≤ {GOAL_RATIO}× of nobody", ratio <= GOAL_RATIO)
