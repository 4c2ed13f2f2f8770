"""The after-run check of a load or fault run: was every post the clients were told was created (201) written
exactly once, and every notification email that fell due sent exactly once?

A load client puts a marker ``[lt:<32 hex>]`` in the body of each post it writes and records, one a line in a
file, the markers of the posts it was answered 201 for. A request that failed is not recorded: its post may or
may not exist, and the client writes it again under a new marker, as a person would.

Emails are checked against the outbox (``EmailDelivery``) and the messages themselves, as Django's file-based
email backend writes them (``EMAIL_URL=filemail://``): ``build_message`` gives each the Message-ID of its
delivery's key, so a delivery sent twice shows as two messages with one Message-ID.

A run of 10,000 posts and 50,000 deliveries costs a few queries: the posts' bodies in one, the deliveries'
keys and states in another; everything else is counted in Python.
"""

import re
import time
from collections import Counter
from collections.abc import Callable, Iterable
from datetime import datetime
from pathlib import Path

from platform_core.notifications.models import EmailDelivery, NotificationEvent

from .models import Post

MARKER = re.compile(r"\[lt:([0-9a-f]{32})\]")
# Django's file backend ends every message with a line of 79 dashes.
MESSAGE_SEPARATOR = re.compile(rb"^-{79}$", re.M)
HEADERS_END = re.compile(rb"\r?\n\r?\n")
MESSAGE_ID = re.compile(rb"^message-id:[ \t]*<([^>@\s]+)@[^>\s]*>", re.I | re.M)
OUTSTANDING = (EmailDelivery.Status.PENDING, EmailDelivery.Status.SENDING)


def markers_in(text: str) -> list[str]:
    """The markers in ``text``, in order (a marker is the 32 hex digits of ``[lt:…]``)."""
    return MARKER.findall(text)


def markers_read(path: Path | str) -> set[str]:
    """The distinct markers of the posts a client was told were created: ``path`` has one a line."""
    return set(markers_in(Path(path).read_text(encoding="utf-8")))


def posts_check(*, since: datetime, accepted: Iterable[str]) -> dict[str, int]:
    """How the posts written since ``since`` compare with the markers the clients recorded as ``accepted``.

    ``posts_doubled`` counts markers in more than one post, recorded or not: a post written twice is an
    error whether or not the client heard of either copy. A post the client was not told of (the node died
    before it answered) is not an error: the client wrote it again under another marker."""
    accepted = set(accepted)
    bodies = Post.objects.filter(created__gte=since, body__contains="[lt:").values_list("body", flat=True)
    copies = Counter(marker for body in bodies for marker in set(markers_in(body)))
    found = sum(1 for marker in accepted if marker in copies)
    return {
        "posts_accepted": len(accepted),
        "posts_found": found,
        "posts_missing": len(accepted) - found,
        "posts_doubled": sum(1 for count in copies.values() if count > 1),
    }


def message_ids_written(mail_dir: Path | str) -> Counter[str]:
    """How many messages the file backend wrote under ``mail_dir`` for each Message-ID (its part before the
    ``@``). Only each message's own headers are read, so a body that quotes a header counts for nothing."""
    written: Counter[str] = Counter()
    for path in Path(mail_dir).glob("*.log"):
        for message in MESSAGE_SEPARATOR.split(path.read_bytes()):
            headers = HEADERS_END.split(message.lstrip(b"\r\n"), maxsplit=1)[0]
            if found := MESSAGE_ID.search(headers):
                written[found.group(1).decode("ascii", "replace")] += 1
    return written


def message_id_of(key: str) -> str:
    """The Message-ID (before the ``@``) that ``build_message`` gives a delivery's email."""
    return key.replace(":", ".")


def emails_check(*, since: datetime, mail_dir: Path | str) -> dict[str, int]:
    """How the outbox rows created since ``since`` compare with the messages written under ``mail_dir``.

    ``emails_sent_once``: rows ``sent`` with exactly one message; ``emails_doubled``: rows with more than one
    message; ``emails_unsent_but_written``: rows not ``sent`` with a message all the same;
    ``emails_sent_not_written``: rows ``sent`` without a message (a lost email); ``emails_stuck``: rows
    still ``pending`` or ``sending``; ``emails_failed``: rows given up on. Messages for rows older than
    ``since`` (an earlier run in the same mail directory) are not counted."""
    rows = EmailDelivery.objects.filter(created__gte=since).values_list("key", "status")
    written = message_ids_written(mail_dir)
    report = dict.fromkeys(
        [
            "emails_due",
            "emails_sent_once",
            "emails_doubled",
            "emails_unsent_but_written",
            "emails_sent_not_written",
            "emails_stuck",
            "emails_failed",
        ],
        0,
    )
    for key, status in rows:
        copies = written[message_id_of(key)]
        sent = status == EmailDelivery.Status.SENT
        report["emails_due"] += 1
        report["emails_sent_once"] += int(sent and copies == 1)
        report["emails_doubled"] += int(copies > 1)
        report["emails_unsent_but_written"] += int(not sent and copies > 0)
        report["emails_sent_not_written"] += int(sent and copies == 0)
        report["emails_stuck"] += int(status in OUTSTANDING)
        report["emails_failed"] += int(status == EmailDelivery.Status.FAILED)
    return report


def outstanding_since(since: datetime) -> bool:
    """Whether anything from the run may still turn into an email: a delivery ``pending`` or ``sending``,
    or a fan-out not yet expanded into its notifications and deliveries."""
    return (
        EmailDelivery.objects.filter(created__gte=since, status__in=OUTSTANDING).exists()
        or NotificationEvent.objects.filter(created__gte=since).exists()
    )


def tail_wait(
    *,
    since: datetime,
    timeout: float,
    interval: float = 1.0,
    clock: Callable[[], float] = time.monotonic,
    sleep: Callable[[float], None] = time.sleep,
) -> float:
    """Wait, looking every ``interval`` seconds for up to ``timeout``, until the run's tail is delivered
    (``outstanding_since`` is false; beat's sweeper re-queues what a dead worker left meanwhile). Returns
    the seconds waited; what is still outstanding after ``timeout`` shows as stuck in the report."""
    started = clock()
    while outstanding_since(since) and clock() - started < timeout:
        sleep(interval)
    return round(clock() - started, 1)


def loadtest_check(
    *, since: datetime, accepted: Iterable[str], mail_dir: Path | str, wait: float = 0
) -> dict[str, int | float]:
    """The whole report: ``tail_wait`` for up to ``wait`` seconds, then ``posts_check`` and
    ``emails_check``, with ``fanouts_pending`` (fan-outs never expanded: their emails are not yet due)."""
    waited = tail_wait(since=since, timeout=wait) if wait > 0 else 0.0
    return {
        **posts_check(since=since, accepted=accepted),
        **emails_check(since=since, mail_dir=mail_dir),
        "fanouts_pending": NotificationEvent.objects.filter(created__gte=since).count(),
        "waited_seconds": waited,
    }
