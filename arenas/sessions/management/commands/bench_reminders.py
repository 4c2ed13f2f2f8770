"""Benchmark: a day's and an hour's reminders for many people registered.

    python manage.py bench_reminders [--people 10000] [--sessions 2]

In one transaction that is rolled back at the end: an arena with ``--people`` members, each registered
for each of ``--sessions`` sessions starting in 30 minutes and in 20 hours; then ``reminders_send`` once
(what beat runs every five minutes), timed, with its query count, and once more (idempotence: nobody is
told twice). Emails are not sent: queuing them is stubbed, so the figure is the finding, the ``Reminder``
rows and the notifications written in batches.
"""

import time
from datetime import timedelta
from unittest import mock

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from arenas.models import Arena, Membership, Role
from platform_core.organisations.models import Organisation

from ...models import Registration, Reminder, Session
from ...services.reminders import reminders_send


class Command(BaseCommand):
    help = "Time the session reminders for many registered people (rolled back)."

    def add_arguments(self, parser):
        parser.add_argument("--people", type=int, default=10_000)
        parser.add_argument("--sessions", type=int, default=2)

    def handle(self, *args, people, sessions, **options):
        with transaction.atomic():
            self._run(people, sessions)
            transaction.set_rollback(True)

    def _run(self, people: int, sessions: int) -> None:
        User = get_user_model()
        organisation = Organisation.objects.create(name="Bench", slug="bench-reminders")
        arena = Arena.objects.create(organisation=organisation, title="Bench", slug="bench-reminders")
        users = User.objects.bulk_create(
            [User(email=f"bench-reminder-{n}@example.org", handle=f"bench-r-{n}") for n in range(people)],
            batch_size=2000,
        )
        Membership.objects.bulk_create(
            [Membership(arena=arena, user=u, role=Role.PARTICIPANT) for u in users], batch_size=2000
        )
        now = timezone.now()
        made = []
        for n in range(sessions):
            starts = now + (timedelta(minutes=30) if n % 2 == 0 else timedelta(hours=20))
            made.append(
                Session.objects.create(
                    arena=arena, title=f"Bench {n}", starts_at=starts, ends_at=starts + timedelta(hours=1)
                )
            )
        Registration.objects.bulk_create(
            [
                Registration(session=s, user=u, status=Registration.Status.REGISTERED)
                for s in made
                for u in users
            ],
            batch_size=5000,
        )
        seats = people * sessions
        with mock.patch("platform_core.notifications.services.deliveries_queue"):
            with CaptureQueriesContext(connection) as captured:
                started = time.perf_counter()
                told = reminders_send()
                took = time.perf_counter() - started
            again = reminders_send()
        self.stdout.write(
            f"{seats:,} seats in {sessions} sessions: {told:,} told in {took:.2f} s "
            f"({seats / took:,.0f} a second), {len(captured)} queries "
            f"({len(captured) / max(1, -(-seats // 1000)):.1f} per batch of 1,000); "
            f"a second run told {again}; {Reminder.objects.filter(session__in=made).count():,} reminder rows"
        )
