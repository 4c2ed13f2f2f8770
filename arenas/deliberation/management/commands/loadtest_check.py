"""The after-run check of a load or fault run, as one JSON object on standard output.

    python manage.py loadtest_check --since 1767225600 --posts var/loadtest/posts.txt \\
        --mail-dir var/mail [--wait 120]

``--since``: the run's start (Unix time); ``--posts``: the markers of the posts the clients were answered 201
for, one a line; ``--mail-dir``: where the file email backend wrote the messages; ``--wait``: first wait up to
this many seconds for the run's outstanding emails to go out. See ``arenas/deliberation/loadtest_check.py``.
"""

import json
from datetime import UTC, datetime

from django.core.management.base import BaseCommand, CommandError

from ...loadtest_check import loadtest_check, markers_read


class Command(BaseCommand):
    help = "Check a load run: every accepted post written once, every due email sent once (prints JSON)."

    def add_arguments(self, parser):
        parser.add_argument("--since", type=float, required=True, help="The run's start, as Unix time.")
        parser.add_argument("--posts", required=True, help="File of accepted post markers, one a line.")
        parser.add_argument("--mail-dir", required=True, help="Directory of the file email backend.")
        parser.add_argument("--wait", type=float, default=0, help="Seconds to wait for outstanding emails.")

    def handle(self, *args, since, posts, mail_dir, wait, **options):
        try:
            accepted = markers_read(posts)
        except OSError as exc:
            raise CommandError(f"Cannot read the posts file: {exc}") from exc
        report = loadtest_check(
            since=datetime.fromtimestamp(since, tz=UTC), accepted=accepted, mail_dir=mail_dir, wait=wait
        )
        self.stdout.write(json.dumps(report, sort_keys=True))
