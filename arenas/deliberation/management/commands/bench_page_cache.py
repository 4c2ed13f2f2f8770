"""Benchmark: signed-out visitors' pages with and without the page cache (arenas/page_cache.py).

    python manage.py bench_page_cache [--posts 500] [--seconds 5]

Builds a public arena with a thread of N posts, then asks for the thread page, the arena page and the
directory as a signed-out visitor through Django's test client (the whole stack but the network) for a
few seconds each, with the cache off and on, and prints requests a second and the ratio. A write in the
middle shows that the next request is made afresh. Everything is rolled back at the end; the cached pages
are left to expire. Use the production cache (Redis: ``REDIS_URL``) for figures worth comparing.
"""

import logging
import time

from django.core.management.base import BaseCommand
from django.db import transaction
from django.test import Client
from django.test.utils import override_settings

from arenas.deliberation.bulk import Shape, posts_bulk_create
from arenas.deliberation.services.posts import post_create
from arenas.deliberation.services.threads import thread_create
from arenas.models import Arena, Membership, Role
from arenas.page_cache import arena_pages_bump
from platform_core.accounts.models import User
from platform_core.organisations.models import Organisation


class Command(BaseCommand):
    help = "Signed-out visitors' thread, arena and directory pages a second, with the page cache and without."

    def add_arguments(self, parser):
        parser.add_argument("--posts", type=int, default=500)
        parser.add_argument("--seconds", type=float, default=5.0)

    def handle(self, *args, posts, seconds, **options):
        logging.getLogger("django.request").setLevel(logging.ERROR)
        with transaction.atomic():
            slug = self._run(posts, seconds)
            transaction.set_rollback(True)
        arena_pages_bump(slug)  # nothing kept for an arena that is gone
        self.stdout.write("Rolled back: the benchmark left nothing behind but cached pages that expire.")

    def _run(self, size, seconds) -> str:
        organisation = Organisation.objects.create(name="Bench municipality", slug="bench-page-cache")
        author = User.objects.create_user(email="bench-page-cache@example.org", handle="bench-page-cache")
        arena = Arena.objects.create(
            organisation=organisation,
            title="Page cache bench",
            slug="bench-page-cache",
            problem_statement="Speed.",
            problem_statement_html="<p>Speed.</p>",
            status=Arena.Status.OPEN,
            visibility=Arena.Visibility.PUBLIC,
        )
        Membership.objects.create(arena=arena, user=author, role=Role.CONVENER)
        thread = thread_create(arena=arena, author=author, title="A long thread", notify_members=False)
        posts_bulk_create(thread, size, author_ids=[author.pk], shape=Shape())
        pages = [
            (f"thread page ({size} posts)", thread.get_absolute_url()),
            ("arena page", arena.get_absolute_url()),
            ("directory", "/arenas/"),
        ]
        self.stdout.write(f"{'signed out':28} {'no cache':>12} {'cache':>12} {'ratio':>8}")
        for label, url in pages:
            with override_settings(ARENA_PAGE_CACHE_SECONDS=0):
                without = self._rate(url, seconds)
            with override_settings(ARENA_PAGE_CACHE_SECONDS=300):
                arena_pages_bump(arena.slug)
                with_cache = self._rate(url, seconds)
            self.stdout.write(
                f"{label:28} {without:>8.0f} r/s {with_cache:>8.0f} r/s {with_cache / without:>7.1f}×"
            )
        with override_settings(ARENA_PAGE_CACHE_SECONDS=300):
            client, last = Client(HTTP_HOST="localhost"), f"{thread.get_absolute_url()}?page=last"
            client.get(last)
            with transaction.atomic():
                post_create(thread=thread, author=author, body="One more post")
            arena_pages_bump(arena.slug)  # what the commit would do (the bench never commits)
            after = client.get(last)
            self.stdout.write(
                f"after a post: {after.get('X-Page-Cache')} (made afresh), "
                f"the post {'shows' if b'One more post' in after.content else 'is missing'}"
            )
        return arena.slug

    def _rate(self, url, seconds) -> float:
        client = Client(HTTP_HOST="localhost")
        assert client.get(url).status_code == 200  # warm: templates compiled, the cache filled
        count, started = 0, time.perf_counter()
        while (elapsed := time.perf_counter() - started) < seconds:
            response = client.get(url)
            count += 1
        assert response.status_code == 200
        return count / elapsed
