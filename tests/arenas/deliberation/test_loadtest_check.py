"""The after-run check of a load run: what it reports for posts written once, missing or doubled, and for
emails sent once, twice, not at all or still waiting — read from the database and a mail directory the file
email backend wrote."""

import json
import uuid
from datetime import timedelta
from io import StringIO

import pytest
from django.core.mail.backends.filebased import EmailBackend as FileBackend
from django.core.management import call_command
from django.utils import timezone

from arenas.deliberation.loadtest_check import loadtest_check, markers_read, tail_wait
from arenas.deliberation.models import Post, Thread
from arenas.models import Role
from platform_core.notifications.emails import RenderedEmail, build_message
from platform_core.notifications.models import EmailDelivery
from tests.factories import ArenaFactory, MembershipFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def thread():
    arena = ArenaFactory()
    author = MembershipFactory(arena=arena, role=Role.PARTICIPANT).user
    return Thread.objects.create(arena=arena, author=author, title="Crossing at Elm Street")


@pytest.fixture
def since():
    return timezone.now() - timedelta(seconds=1)


def marker() -> str:
    return uuid.uuid4().hex


def write_post(thread, body: str, *, created=None, parent=None) -> Post:
    number = thread.last_number = thread.last_number + 1
    thread.save(update_fields=["last_number"])
    return Post.objects.create(
        thread=thread,
        author=thread.author,
        number=number,
        body=body,
        parent=parent,
        depth=1 if parent else 0,
        created=created or timezone.now(),
    )


def outbox_row(status="sent", *, created=None, to="anna@example.org") -> EmailDelivery:
    return EmailDelivery.objects.create(
        key=f"notification:{uuid.uuid4().int % 10**9}:email",
        to_email=to,
        payload={"subject": "A new post", "text": "Hello", "html": "<p>Hello</p>"},
        status=status,
        created=created or timezone.now(),
    )


def mail(mail_dir, *rows, text="Someone wrote in a thread you follow."):
    """Each row's email, as the worker's file backend writes it (one file for the batch)."""
    mail_dir.mkdir(exist_ok=True)
    messages = [
        build_message(
            RenderedEmail("A new post", text, f"<p>{text}</p>", {}), to=row.to_email, message_id_key=row.key
        )
        for row in rows
    ]
    FileBackend(file_path=str(mail_dir)).send_messages(messages)


def posts_file(tmp_path, markers) -> str:
    path = tmp_path / "posts.txt"
    path.write_text("".join(f"[lt:{m}]\n" for m in markers))
    return str(path)


def check(since, tmp_path, accepted=(), **options):
    return loadtest_check(since=since, accepted=accepted, mail_dir=tmp_path / "mail", **options)


# --- posts --------------------------------------------------------------------------------------------------


def test_every_accepted_post_found_once_reports_none_missing_or_doubled(thread, since, tmp_path):
    accepted = [marker() for _ in range(3)]
    top = write_post(thread, f"Close the road at 8 [lt:{accepted[0]}]")
    write_post(thread, f"Agreed. [lt:{accepted[1]}]", parent=top)
    write_post(thread, f"[lt:{accepted[2]}] and on Saturdays?")
    write_post(thread, "A post by someone who is not the load test")

    report = check(since, tmp_path, accepted)

    assert report["posts_accepted"] == 3
    assert report["posts_found"] == 3
    assert report["posts_missing"] == 0
    assert report["posts_doubled"] == 0


def test_an_accepted_post_not_written_is_missing(thread, since, tmp_path):
    written, lost = marker(), marker()
    write_post(thread, f"Here [lt:{written}]")

    report = check(since, tmp_path, [written, lost])

    assert (report["posts_accepted"], report["posts_found"], report["posts_missing"]) == (2, 1, 1)


def test_a_post_written_twice_is_doubled_whether_or_not_the_client_heard_of_it(thread, since, tmp_path):
    heard, unheard, single = marker(), marker(), marker()
    write_post(thread, f"Twice [lt:{heard}]")
    write_post(thread, f"Twice [lt:{heard}]")
    # The node died before answering, and the same request was written again: the client heard of neither.
    write_post(thread, f"Unheard [lt:{unheard}]")
    write_post(thread, f"Unheard [lt:{unheard}]")
    # Not recorded (no answer) but written once: the client wrote it again under another marker, no harm.
    write_post(thread, f"Once [lt:{single}]")

    report = check(since, tmp_path, [heard])

    assert report["posts_found"] == 1
    assert report["posts_doubled"] == 2


def test_posts_before_the_run_are_not_counted(thread, since, tmp_path):
    old = marker()
    write_post(thread, f"Yesterday [lt:{old}]", created=since - timedelta(days=1))
    write_post(thread, f"Yesterday again [lt:{old}]", created=since - timedelta(days=1))

    report = check(since, tmp_path, [old])

    assert (report["posts_found"], report["posts_missing"], report["posts_doubled"]) == (0, 1, 0)


def test_the_posts_file_is_read_one_marker_a_line_each_once(tmp_path):
    first, second = marker(), marker()
    path = tmp_path / "posts.txt"
    path.write_text(f"[lt:{first}]\n[lt:{second}]\n[lt:{first}]\n\nnot a marker\n")

    assert markers_read(path) == {first, second}


# --- emails -------------------------------------------------------------------------------------------------


def test_emails_each_written_once_are_sent_once(since, tmp_path):
    rows = [outbox_row() for _ in range(3)]
    mail(tmp_path / "mail", *rows[:2])
    mail(tmp_path / "mail", rows[2])

    report = check(since, tmp_path)

    assert report["emails_due"] == 3
    assert report["emails_sent_once"] == 3
    assert report["emails_doubled"] == report["emails_stuck"] == report["emails_sent_not_written"] == 0


def test_an_email_written_twice_is_doubled_and_not_sent_once(since, tmp_path):
    twice, once = outbox_row(), outbox_row()
    mail(tmp_path / "mail", twice, once)
    mail(tmp_path / "mail", twice)  # a second worker sent it again, to another file

    report = check(since, tmp_path)

    assert (report["emails_due"], report["emails_sent_once"], report["emails_doubled"]) == (2, 1, 1)


def test_unsent_stuck_failed_and_lost_emails_are_each_reported(since, tmp_path):
    outbox_row("pending")
    sending = outbox_row("sending")
    outbox_row("failed")
    outbox_row("sent")  # recorded as sent, but no message was written: lost
    mail(tmp_path / "mail", sending)  # written, but the worker died before it recorded the outcome

    report = check(since, tmp_path)

    assert report["emails_due"] == 4
    assert report["emails_sent_once"] == 0
    assert report["emails_stuck"] == 2
    assert report["emails_failed"] == 1
    assert report["emails_unsent_but_written"] == 1
    assert report["emails_sent_not_written"] == 1


def test_emails_before_the_run_and_headers_quoted_in_a_body_are_not_counted(since, tmp_path):
    old = outbox_row(created=since - timedelta(days=1))
    row = outbox_row()
    mail(tmp_path / "mail", old, old)
    quoted = f"Message-ID: <{row.key.replace(':', '.')}@cocreate.localhost>"
    mail(tmp_path / "mail", row, text=f"You wrote:\n\n{quoted}\n")

    report = check(since, tmp_path)

    assert (report["emails_due"], report["emails_sent_once"], report["emails_doubled"]) == (1, 1, 0)


# --- waiting for the tail, the command, the cost -----------------------------------------------------------


class FakeClock:
    """Time that moves only when slept; ``on_sleep`` runs at each sleep (a worker sending meanwhile)."""

    def __init__(self, on_sleep):
        self.now, self.sleeps, self.on_sleep = 0.0, 0, on_sleep

    def __call__(self):
        return self.now

    def sleep(self, seconds):
        self.now += seconds
        self.sleeps += 1
        self.on_sleep(self.sleeps)


def test_the_wait_ends_when_the_last_outstanding_email_is_sent(since):
    row = outbox_row("sending")

    def worker_sends(sleeps):
        if sleeps == 3:
            EmailDelivery.objects.filter(pk=row.pk).update(status="sent")

    clock = FakeClock(worker_sends)
    assert tail_wait(since=since, timeout=60, clock=clock, sleep=clock.sleep) == 3.0


def test_the_wait_gives_up_after_its_timeout_and_the_email_shows_stuck(since, tmp_path):
    outbox_row("pending")
    clock = FakeClock(lambda sleeps: None)
    assert tail_wait(since=since, timeout=5, clock=clock, sleep=clock.sleep) == 5.0
    assert check(since, tmp_path)["emails_stuck"] == 1


def test_the_command_prints_one_json_object(thread, since, tmp_path):
    accepted = marker()
    write_post(thread, f"Close the road [lt:{accepted}]")
    row = outbox_row()
    mail(tmp_path / "mail", row)
    out = StringIO()

    call_command(
        "loadtest_check",
        "--since",
        str(since.timestamp()),
        "--posts",
        posts_file(tmp_path, [accepted]),
        "--mail-dir",
        str(tmp_path / "mail"),
        "--wait",
        "5",
        stdout=out,
    )

    report = json.loads(out.getvalue())
    assert report["posts_found"] == report["posts_accepted"] == 1
    assert report["emails_sent_once"] == report["emails_due"] == 1
    assert report["waited_seconds"] == 0.0  # nothing outstanding: no wait


@pytest.mark.parametrize("size", [5, 60])
def test_the_check_costs_the_same_few_queries_at_any_size(
    thread, since, tmp_path, size, django_assert_num_queries
):
    accepted = [marker() for _ in range(size)]
    for m in accepted:
        write_post(thread, f"[lt:{m}]")
    rows = [outbox_row() for _ in range(size)]
    mail(tmp_path / "mail", *rows)

    with django_assert_num_queries(3):  # the posts, the outbox rows, the fan-outs left
        report = check(since, tmp_path, accepted)

    assert report["posts_found"] == report["emails_sent_once"] == size
