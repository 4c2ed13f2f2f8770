"""Benchmark: search at a million posts.

    python manage.py bench_search [--posts 1000000] [--threads 1000] [--arenas 50] [--queries 200]

PostgreSQL only (SQLite has the substring fallback, not an index). In one transaction that is rolled back
at the end, builds ``--arenas`` arenas (every tenth private, two drafts) with ``--threads`` threads and
``--posts`` posts in bulk SQL — sentences drawn from a Zipf-distributed vocabulary of English and Danish
words, 1% of the posts hidden, 0.5% deleted — and indexes them as the services would (the GIN index is
built once at the end, as a bulk load should). Then searches as a participant of the public arenas and of
one private one, through ``search_for_viewer`` (what the page and the API call): one common word, one rare
word, two words, a phrase, a Danish word, ``word -other`` and ``a or b``. Prints median, 95th percentile and
worst time of each kind of query, queries per search, the index's size, and what keeping the index current
adds to ``post_create``. The GIN index is dropped and rebuilt inside the transaction: run it on a database
nobody else is searching.
"""

import random
import statistics
import time
from unittest import mock

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings
from django.urls import reverse

from arenas.deliberation.models import Thread
from arenas.deliberation.search import thread_document
from arenas.deliberation.services import posts as post_services
from arenas.deliberation.services.posts import post_create
from arenas.models import Arena, Membership, Role
from arenas.search import arena_document, search_for_viewer
from platform_core.organisations.models import Organisation
from platform_core.search.services import documents_put

from ._search_vocabulary import DANISH, vocabulary

AUTHORS = 200
GOAL_MEDIAN_MS, GOAL_P95_MS = 50, 200


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


class Command(BaseCommand):
    help = "Time search over a million posts (PostgreSQL), and what indexing adds to creating a post."

    def add_arguments(self, parser):
        parser.add_argument("--posts", type=int, default=1_000_000)
        parser.add_argument("--threads", type=int, default=1_000)
        parser.add_argument("--arenas", type=int, default=50)
        parser.add_argument("--queries", type=int, default=200)
        parser.add_argument("--creates", type=int, default=200, help="posts created to time indexing")
        parser.add_argument("--seed", type=int, default=12)
        parser.add_argument(
            "--explain",
            action="store_true",
            help="print the plan of the page query for one search of each kind",
        )

    def handle(self, *args, **options):
        if connection.vendor != "postgresql":
            raise CommandError(
                "bench_search needs PostgreSQL: set DATABASE_URL (SQLite has no search index)."
            )
        self.random = random.Random(options["seed"])
        self.words = vocabulary(self.random)
        if not connection.in_atomic_block:
            # Earlier runs' rolled-back rows are dead weight in the tables until vacuumed.
            with connection.cursor() as cursor:
                cursor.execute("VACUUM ANALYZE search_searchdocument, deliberation_post")
        with transaction.atomic():
            self._run(options)
            transaction.set_rollback(True)
        self.stdout.write("Rolled back: the benchmark left nothing behind.")

    # --- building --------------------------------------------------------------------------------------

    def _run(self, options):
        started = time.perf_counter()
        arenas, participant, threads = self._arenas(options["arenas"], options["threads"])
        self._posts(threads, options["posts"])
        built = time.perf_counter() - started
        self._index(arenas, threads)
        indexed = time.perf_counter() - started - built
        self.stdout.write(
            f"Built {options['arenas']} arenas, {len(threads)} threads, {options['posts']:,} posts in "
            f"{built:.0f} s; indexed them in {indexed:.0f} s"
        )
        sizes = self._sizes()
        self.stdout.write(
            f"Index: {sizes['documents']:,} documents, table and indexes {sizes['total_mb']:.0f} MB, "
            f"GIN index {sizes['gin_mb']:.0f} MB"
        )
        timings = self._searches(participant, options["queries"], explain=options["explain"])
        overhead = self._creating(participant, threads, options["creates"])
        self._report(timings, overhead, sizes)

    def _arenas(self, count, thread_count):
        User = get_user_model()
        organisation = Organisation.objects.create(name="Bench search", slug="bench-search-organisation")
        arenas = []
        for n in range(count):
            private = n % 10 == 9
            arenas.append(
                Arena.objects.create(
                    organisation=organisation,
                    title=f"Bench arena {n} {self._words(2)}",
                    slug=f"bench-search-{n}",
                    problem_statement=self._words(30),
                    visibility=Arena.Visibility.PRIVATE if private else Arena.Visibility.PUBLIC,
                    status=Arena.Status.DRAFT if n in (count - 2, count - 3) else Arena.Status.OPEN,
                )
            )
        users = User.objects.bulk_create(
            [
                User(email=f"bench-search-{n}@bench.invalid", handle=f"bench-search-{n}", password="!")
                for n in range(AUTHORS)
            ]
        )
        participant = users[0]
        memberships = [
            Membership(arena=arena, user=user, role=Role.PARTICIPANT)
            for arena in arenas
            for user in users
            if user != participant
        ]
        # The participant: every public arena and the first private one (not a moderator anywhere).
        first_private = next(a for a in arenas if a.visibility == Arena.Visibility.PRIVATE)
        memberships += [
            Membership(arena=arena, user=participant, role=Role.PARTICIPANT)
            for arena in arenas
            if arena.visibility == Arena.Visibility.PUBLIC or arena == first_private
        ]
        Membership.objects.bulk_create(memberships)
        # What the participant may see, worked out here rather than asked of the policy under test.
        self.visible_slugs = {
            a.slug
            for a in arenas
            if a.status != Arena.Status.DRAFT
            and (a.visibility == Arena.Visibility.PUBLIC or a == first_private)
        }
        threads = Thread.objects.bulk_create(
            [
                Thread(
                    arena=arenas[n % count],
                    author=users[1 + n % (AUTHORS - 1)],
                    title=self._words(self.random.randint(3, 8)).capitalize(),
                    body=self._words(40),
                    body_html=f"<p>{self._words(40)}</p>",
                )
                for n in range(thread_count)
            ]
        )
        return arenas, participant, threads

    def _words(self, count):
        return " ".join(self.random.choice(self.words.zipf_sample) for _ in range(count))

    def _posts(self, threads, count):
        """One INSERT … SELECT: the text is drawn word by word in SQL, Zipf-like (a log-uniform index)."""
        with connection.cursor() as cursor:
            cursor.execute(
                """
                WITH v AS (SELECT %(words)s::text[] AS words, array_length(%(words)s::text[], 1) AS n),
                     t AS (SELECT %(threads)s::bigint[] AS ids, array_length(%(threads)s::bigint[], 1) AS n),
                     a AS (SELECT %(authors)s::bigint[] AS ids)
                INSERT INTO deliberation_post
                    (thread_id, author_id, depth, number, top_number, body, body_html, stance,
                     endorsement_count, created, hidden_at, hidden_reason, deleted_at)
                SELECT t.ids[1 + g %% t.n], a.ids[1 + g %% 199], 0, 1 + g / t.n, 1 + g / t.n,
                       s.text, '<p>' || s.text || '</p>', '', 0,
                       now() - (%(count)s - g) * interval '20 seconds',
                       CASE WHEN g %% 100 = 37 THEN now() END,
                       CASE WHEN g %% 100 = 37 THEN 'Bench' ELSE '' END,
                       CASE WHEN g %% 200 = 11 THEN now() END
                FROM generate_series(0, %(count)s - 1) AS g, v, t, a,
                LATERAL (
                    SELECT string_agg(v.words[floor(exp(random() * ln(v.n)))::int + 0 * w.i], ' ')
                        AS text
                    FROM generate_series(1, 8 + (g * 7) %% 25) AS w(i)
                ) AS s
                """,
                {
                    "words": self.words.ranked,
                    "threads": [t.pk for t in threads],
                    "authors": list(
                        get_user_model()
                        .objects.filter(email__startswith="bench-search-")
                        .exclude(email="bench-search-0@bench.invalid")
                        .values_list("pk", flat=True)
                    ),
                    "count": count,
                },
            )
            cursor.execute(
                """
                UPDATE deliberation_thread t SET last_number = c.top, top_level_count = c.top, post_count = c.n
                FROM (SELECT thread_id, max(number) AS top, count(*) AS n FROM deliberation_post
                      WHERE thread_id = ANY(%s) GROUP BY thread_id) c
                WHERE c.thread_id = t.id
                """,
                [[t.pk for t in threads]],
            )

    def _index(self, arenas, threads):
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL maintenance_work_mem = '1GB'")
            cursor.execute("DROP INDEX search_document_vector")
            cursor.execute(
                """
                INSERT INTO search_searchdocument
                    (kind, object_id, scope_id, owner_id, restricted, always_ranked, title, body, created)
                SELECT 'post', p.id, t.arena_id, p.author_id, p.hidden_at IS NOT NULL, false, '', p.body,
                       p.created
                FROM deliberation_post p JOIN deliberation_thread t ON t.id = p.thread_id
                WHERE t.id = ANY(%s) AND p.deleted_at IS NULL
                """,
                [[t.pk for t in threads]],
            )
        documents_put([thread_document(thread) for thread in threads])
        documents_put([arena_document(arena) for arena in arenas])
        with connection.cursor() as cursor:
            cursor.execute("CREATE INDEX search_document_vector ON search_searchdocument USING gin (vector)")
            cursor.execute("ANALYZE search_searchdocument")
            cursor.execute("ANALYZE deliberation_post")
            cursor.execute("ANALYZE arenas_membership")

    def _sizes(self):
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(*), pg_total_relation_size('search_searchdocument'), "
                "pg_relation_size('search_document_vector') FROM search_searchdocument"
            )
            documents, total, gin = cursor.fetchone()
        return {"documents": documents, "total_mb": total / 2**20, "gin_mb": gin / 2**20}

    # --- searching -------------------------------------------------------------------------------------

    def _queries(self, count):
        """``count`` queries, evenly over the kinds, words chosen by how often they occur."""
        common, middle, rare = self.words.common, self.words.middle, self.words.rare
        danish = [w for w in DANISH if w in self.words.ranked_set]
        makers = {
            "one common word": lambda: (self.random.choice(common), "en"),
            "one rare word": lambda: (self.random.choice(rare), "en"),
            "two words": lambda: (f"{self.random.choice(middle)} {self.random.choice(middle)}", "en"),
            "a phrase": lambda: (f'"{self.random.choice(common)} {self.random.choice(common)}"', "en"),
            "a Danish word": lambda: (self.random.choice(danish), "da"),
            "word -other": lambda: (f"{self.random.choice(middle)} -{self.random.choice(common)}", "en"),
            "a or b": lambda: (f"{self.random.choice(rare)} or {self.random.choice(middle)}", "en"),
        }
        kinds = list(makers)
        return [(kinds[n % len(kinds)], *makers[kinds[n % len(kinds)]]()) for n in range(count)]

    def _searches(self, participant, count, *, explain=False):
        queries = self._queries(count)
        for _kind, text, language in queries[: len(queries) // 10 or 1]:  # warm-up: caches, plans
            search_for_viewer(viewer=participant, query=text, language=language)
        timings, query_counts, hits, leaks = {}, set(), 0, 0
        for kind, text, language in queries:
            with CaptureQueriesContext(connection) as captured:
                started = time.perf_counter()
                results, _arena = search_for_viewer(viewer=participant, query=text, language=language)
                elapsed = (time.perf_counter() - started) * 1000
            if explain and kind not in timings:
                self._explain(kind, text, captured)
            timings.setdefault(kind, []).append(elapsed)
            query_counts.add(len(captured))
            hits += bool(results.hits)
            leaks += sum(
                1
                for hit in results.hits
                if hit.presented.restricted
                or (hit.presented.scope or {}).get("key") not in self.visible_slugs
            )
        self.query_counts = sorted(query_counts)
        self.stdout.write(
            f"{len(queries)} searches, {hits} with hits; hidden or private hits: {leaks}; "
            f"queries per search: {self.query_counts} (the viewer's arenas, the page, one per kind on it)"
        )
        return timings

    def _explain(self, kind, text, captured):
        page_sql = next(q["sql"] for q in captured.captured_queries if "search_searchdocument" in q["sql"])
        with connection.cursor() as cursor:
            cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {page_sql}")
            plan = "\n".join(row[0] for row in cursor.fetchall())
        self.stdout.write(f"--- {kind}: {text}\n{plan}")

    # --- keeping the index current ---------------------------------------------------------------------

    def _creating(self, participant, threads, count):
        """Posts created with the index kept current and without it, through ``post_create`` alone and as a
        person does it, posting the thread page's form (the view, the service, the redirect)."""
        thread = next(t for t in threads if t.arena.visibility == Arena.Visibility.PUBLIC)
        real_post_index = post_services.post_index
        client = Client(HTTP_HOST="localhost")
        client.force_login(participant)
        url = reverse("deliberation:post-create", args=[thread.arena.slug, thread.pk])

        def by_service():
            post_create(thread=thread, author=participant, body=self._words(20))

        def by_form():
            response = client.post(url, {"body": self._words(20)})
            if response.status_code != 302:
                raise CommandError(f"Posting the form answered {response.status_code}.")

        # One post with the index kept current, the next without, and so on: the machine's drift falls
        # on both alike. The same wrapper runs either way; only whether it indexes differs.
        index = {"on": True}

        def post_index_or_not(post, **kwargs):
            if index["on"]:
                real_post_index(post, **kwargs)

        figures = {}
        with (
            override_settings(RATE_LIMITS={"posts": "1000000/minute"}),
            mock.patch("arenas.deliberation.services.posts.post_index", post_index_or_not),
        ):
            for label, create in (("service", by_service), ("form", by_form)):
                durations = {True: [], False: []}
                for number in range(count):
                    index["on"] = number % 2 == 0
                    started = time.perf_counter()
                    create()
                    durations[index["on"]].append((time.perf_counter() - started) * 1000)
                with_index, without_index = (statistics.median(durations[on]) for on in (True, False))
                figures[label] = {
                    "with_ms": with_index,
                    "without_ms": without_index,
                    "overhead_pct": (with_index - without_index) / without_index * 100,
                }
        return figures

    # --- report ----------------------------------------------------------------------------------------

    def _report(self, timings, overhead, sizes):
        everything = [t for values in timings.values() for t in values]
        self.stdout.write(f"{'':18} {'searches':>8} {'median':>9} {'p95':>9} {'max':>9}")
        for kind, values in [*timings.items(), ("all", everything)]:
            self.stdout.write(
                f"{kind:<18} {len(values):>8} {statistics.median(values):>6.1f} ms "
                f"{percentile(values, 0.95):>6.1f} ms {max(values):>6.1f} ms"
            )
        median, p95 = statistics.median(everything), percentile(everything, 0.95)
        self.stdout.write(
            f"Goal: median ≤ {GOAL_MEDIAN_MS} ms, p95 ≤ {GOAL_P95_MS} ms — "
            + ("met" if median <= GOAL_MEDIAN_MS and p95 <= GOAL_P95_MS else "MISSED")
        )
        for label, name in (("service", "post_create"), ("form", "posting the form")):
            figures = overhead[label]
            self.stdout.write(
                f"{name}: {figures['with_ms']:.1f} ms with the index kept current, "
                f"{figures['without_ms']:.1f} ms without: {figures['overhead_pct']:+.1f}%"
            )
