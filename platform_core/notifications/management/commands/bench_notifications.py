"""Benchmark: tell many people of one event (a fan-out, told in batches), then build and render everyone's
digest.

    python manage.py bench_notifications [--users 10000] [--keep]

Everything runs in one transaction that is rolled back at the end: the throw-away accounts
(``bench-…@bench.invalid``), their notifications and digests leave nothing behind, and no email is queued
(the outbox queues only after a commit). Use PostgreSQL for figures worth comparing.
"""

import time
from datetime import timedelta
from itertools import batched

from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.db.models import F
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from platform_core.bench import BenchCommand
from platform_core.notifications import digests, services
from platform_core.notifications.audiences import Audience, audience_register
from platform_core.notifications.emails import render_digest_email, render_digest_emails
from platform_core.notifications.fanout import fanout_expand
from platform_core.notifications.models import DigestRun, Notification, NotificationEvent
from platform_core.notifications.outbox import SEND_BATCH
from platform_core.notifications.services import notify

DOMAIN = "bench.invalid"
RENDER_BATCH = SEND_BATCH  # digests rendered together: a send task's batch


# Rows a second per process: 100,000 people told in ≤ 10 s, their runs made in ≤ 10 s, and built and
# rendered in ≤ 2 minutes with two workers.
GOALS = {
    "fan-out (in the background)": 10_000,
    "due query + digest runs": 10_000,
    "digest builds": 1_000,
    "digest renders (batches)": 1_000,
}
AUDIENCE = "bench.people"


def _bench_people(params):
    return get_user_model().objects.filter(email__endswith=f"@{DOMAIN}").annotate(user_id=F("pk"))


class Command(BenchCommand):
    help = "Fan one event out to N people and build their digests; print rows/s and queries used."

    def add_arguments(self, parser):
        parser.add_argument("--users", type=int, default=10_000)

    def handle(self, *args, users, **options):
        audience_register(AUDIENCE, _bench_people)
        with transaction.atomic():
            self._run(users)
            transaction.set_rollback(True)
        self.stdout.write("Rolled back: the benchmark left nothing behind.")

    def _run(self, users):
        User = get_user_model()
        started = time.perf_counter()
        User.objects.bulk_create(
            [
                User(email=f"bench-{n}@{DOMAIN}", handle=f"bench-{n}", time_zone="UTC", password="!")
                for n in range(users)
            ],
            batch_size=2000,
        )
        people = list(User.objects.filter(email__endswith=f"@{DOMAIN}").values_list("pk", flat=True))
        self.stdout.write(f"Created {len(people)} accounts in {time.perf_counter() - started:.1f} s")

        # 1. Fan-out: one event to everyone, as a service tells an audience (one row in its transaction),
        #    then told in batches as the worker does after the commit.
        inline, services.INLINE_LIMIT = services.INLINE_LIMIT, 0  # however few: told in the background
        try:
            notify(
                recipients=Audience(AUDIENCE),
                event="platform.tip",
                target_title="Benchmark",
                url="/",
                group_key="bench",
            )
        finally:
            services.INLINE_LIMIT = inline
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            told, _finished = fanout_expand(
                fanout_id=NotificationEvent.objects.get(event="platform.tip").pk, seconds=3600
            )
            fan_out = time.perf_counter() - started
        self._report("fan-out (in the background)", told, fan_out, len(queries))

        # 2. Who is due: the hourly job's one query (at 07:00 UTC, the default digest hour).
        due_at = timezone.now().replace(hour=7, minute=0, second=0, microsecond=0) + timedelta(days=1)
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            run_ids = digests.digest_runs_create_due(now=due_at)
            elapsed = time.perf_counter() - started
        self._report("due query + digest runs", len(run_ids), elapsed, len(queries))

        # 3. Build the digests a batch at a time (one task's work): attach the notifications and write the
        #    outbox rows.
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            for batch in batched(run_ids, digests.BATCH_SIZE):
                digests.digests_build(run_ids=list(batch))
            build = time.perf_counter() - started
        batches = -(-len(run_ids) // digests.BATCH_SIZE)
        self._report(
            "digest builds", len(run_ids), build, f"{len(queries) / max(1, batches):.0f} queries per batch"
        )

        # 4. Render (what the send task does before handing the messages to the mail server): a batch at a
        #    time, content read for the whole batch; and, for comparison, a sample a person at a time.
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            for batch in batched(run_ids, RENDER_BATCH):
                runs = list(DigestRun.objects.filter(pk__in=batch).select_related("user"))
                render_digest_emails(runs)
            render = time.perf_counter() - started
        batches = -(-len(run_ids) // RENDER_BATCH)
        self._report(
            "digest renders (batches)",
            len(run_ids),
            render,
            f"{len(queries) / max(1, batches):.0f} queries per batch",
        )
        sample = run_ids[: min(len(run_ids), 200)]
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            for run in DigestRun.objects.filter(pk__in=sample).select_related("user"):
                render_digest_email(run, digests.digest_content(run))
            render = time.perf_counter() - started
        self._report(
            "digest renders (one each)",
            len(sample),
            render,
            f"{len(queries) / max(1, len(sample)):.1f} queries each",
        )

        total = Notification.objects.filter(recipient__email__endswith=f"@{DOMAIN}").count()
        self.stdout.write(f"Notifications written: {total}")

    def _report(self, label, rows, seconds, queries):
        rate = rows / seconds if seconds else float("inf")
        figure = f"{rows:,} in {seconds:.2f} s = {rate:,.0f}/s"
        if isinstance(queries, int):
            figure += f", {queries} q"
        elif queries:
            figure += f", {queries}"
        goal = GOALS.get(label)
        self.result(label, figure, f"≥ {goal:,}/s" if goal else "", rate >= goal if goal else None)
