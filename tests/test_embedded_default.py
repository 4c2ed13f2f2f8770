"""`make run`'s embedded default takes concurrent writers: with SQLite and the filesystem broker, four people
posting ten posts each (one after the other, all four at once) while a convener invites a hundred people by
CSV and the worker sends the mentions and invitations meanwhile lose nothing and wait for no sweeper.

The stack runs in processes of its own (tests/embedded.py), whatever database this test process uses.
"""

import threading
import time

import pytest

from tests.embedded import Client, EmbeddedStack, wait_for

pytestmark = pytest.mark.services

ARENA = "safer-school-routes"
# Four people, each mentioning another member, so every post also sends an email at once.
POSTERS = {  # who posts → the demo handle they mention
    "convener@example.org": "frederik",
    "facilitator@example.org": "cecilie",
    "citizen@example.org": "clara-convener",
    "admin@example.org": "cecilie",
}
POSTS_EACH = 10
INVITATIONS = 100


@pytest.fixture
def stack(tmp_path):
    stack = EmbeddedStack(tmp_path / "var").prepare().start()
    yield stack
    stack.stop()


def invitation_csv(run: str) -> bytes:
    rows = [f"invitee-{run}-{n}@example.net,participant,resident" for n in range(INVITATIONS)]
    return ("email,role,stakeholder_type\n" + "\n".join(rows) + "\n").encode()


def test_concurrent_posts_invitations_and_deliveries_all_succeed(stack):
    posters = {email: Client(stack.base_url).take_token(email) for email in POSTERS}
    convener = Client(stack.base_url).sign_in("convener@example.org")
    status, threads = posters["citizen@example.org"].api("GET", f"/api/v1/arenas/{ARENA}/threads/")
    assert status == 200, threads
    thread = threads["results"][0]["id"]
    posts_before = stack.query("SELECT post_count FROM deliberation_thread WHERE id = ?", thread)[0][0]
    notifications_before = stack.query("SELECT COALESCE(MAX(id), 0) FROM notifications_notification")[0][0]
    run = str(int(time.time()))

    answers: list[tuple[str, int, dict]] = []
    invite_status: list[int] = []
    start = threading.Barrier(len(POSTERS) + 1)

    def post(email: str) -> None:
        start.wait()
        for n in range(POSTS_EACH):  # as fast as the answers come, one after the other
            body = {"body": f"Route idea {n} from {email} (run {run}), what do you think @{POSTERS[email]}?"}
            status, answer = posters[email].api("POST", f"/api/v1/threads/{thread}/posts/", body)
            answers.append((email, status, answer))

    def invite() -> None:
        start.wait()
        invite_status.append(
            convener.post_form(
                f"/arenas/{ARENA}/members/invite-many/",
                {"bulk-addresses": "", "bulk-message": "Help us make the school routes safer."},
                {"bulk-csv_file": ("people.csv", invitation_csv(run))},
            )
        )

    workers = [threading.Thread(target=post, args=(email,)) for email in POSTERS]
    workers.append(threading.Thread(target=invite))
    began = time.monotonic()
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=90)

    refused = [(email, status, answer) for email, status, answer in answers if status != 201]
    assert not refused, refused
    assert len(answers) == len(POSTERS) * POSTS_EACH
    assert invite_status == [200]
    posts_after = stack.query("SELECT post_count FROM deliberation_thread WHERE id = ?", thread)[0][0]
    assert posts_after - posts_before == len(POSTERS) * POSTS_EACH
    ours = stack.query("SELECT COUNT(*) FROM deliberation_post WHERE body LIKE ?", f"%(run {run})%")[0][0]
    assert ours == len(POSTERS) * POSTS_EACH
    invited = stack.query("SELECT COUNT(*) FROM arenas_invitation WHERE email LIKE ?", f"invitee-{run}-%")
    assert invited == [(INVITATIONS,)]

    # Every email the outbox holds is sent and written, well within a minute, with no sweep needed.
    def all_sent():
        statuses = dict(
            stack.query("SELECT status, COUNT(*) FROM notifications_emaildelivery GROUP BY status")
        )
        return statuses if set(statuses) == {"sent"} else None

    sent = wait_for(all_sent, timeout=60, interval=0.5, what="every email delivery to be sent")["sent"]
    took = time.monotonic() - began
    messages = stack.mail_messages()
    assert len(messages) == sent
    addressed = {
        line.removeprefix("To: ") for m in messages for line in m.splitlines() if line.startswith("To: ")
    }
    assert {f"invitee-{run}-{n}@example.net" for n in range(INVITATIONS)} <= addressed
    mentions_mailed = stack.query(
        "SELECT COUNT(*) FROM notifications_emaildelivery d JOIN notifications_notification n"
        " ON d.notification_id = n.id WHERE n.event = 'deliberation.mention' AND n.id > ? AND d.status = 'sent'",
        notifications_before,
    )
    assert mentions_mailed == [(len(POSTERS) * POSTS_EACH,)]
    assert took < 60

    for name in ("web", "worker"):
        log = stack.log(name)
        assert "database is locked" not in log, log
        assert "Traceback" not in log, log
    assert "Re-queued" not in stack.log("worker")  # nothing waited for the sweeper
