"""People for the load test, and the file of their signed-in sessions that locust reads.

    python manage.py loadtest_seed --participants 200 [--sessions-file var/loadtest/sessions.json]

Needs the demo data (``seed_demo``); never with production settings. Idempotent (``loadtest_seed``)."""

import json
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from ...loadtest_seed import DEFAULT_PASSWORD, DemoDataMissing, load_people_seed


class Command(BaseCommand):
    help = "Create N load-test participants in the demo arenas and write their signed-in sessions to a file."

    def add_arguments(self, parser):
        parser.add_argument("--participants", type=int, required=True, help="How many people (N).")
        parser.add_argument("--sessions-file", default="var/loadtest/sessions.json")
        parser.add_argument("--password", default=DEFAULT_PASSWORD)

    def handle(self, *args, participants, sessions_file, password, **options):
        if not settings.DEMO_DATA_ALLOWED:
            raise CommandError("Load-test people are never made with production settings.")
        if participants < 1:
            raise CommandError("--participants must be at least 1.")
        try:
            sessions = load_people_seed(count=participants, password=password)
        except (DemoDataMissing, ValueError) as error:
            raise CommandError(str(error)) from None
        path = Path(sessions_file)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps([session.as_dict() for session in sessions], indent=1) + "\n")
        facilitators = sum(session.role == "facilitator" for session in sessions)
        self.stdout.write(
            self.style.SUCCESS(
                f"{len(sessions)} load-test participants ({facilitators} facilitators), "
                f"password {password!r}; sessions in {path}"
            )
        )
