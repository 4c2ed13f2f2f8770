"""The embedded broker: a worker reading the folder while another process writes to it gets every message
whole (kombu's own transport lets it read a file still being written and stop, celery/kombu#1551); a file
that cannot be read is skipped with a log line; the folders are made when missing."""

import logging
import subprocess
import sys
import time
import uuid
from pathlib import Path
from queue import Empty

from kombu import Connection

from platform_core.filesystem_broker import Transport

ROOT = Path(__file__).resolve().parents[2]

PUBLISHER = """
import sys
from kombu import Connection
from platform_core.filesystem_broker import Transport
folder, queue, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
options = {"data_folder_in": folder, "data_folder_out": folder, "control_folder": folder + "-control"}
with Connection("filesystem://", transport=Transport, transport_options=options) as connection:
    simple = connection.SimpleQueue(queue)
    for number in range(count):
        simple.put({"number": number, "text": "x" * 2000})
"""


def connection(folder: Path) -> Connection:
    options = {
        "data_folder_in": str(folder),
        "data_folder_out": str(folder),
        "control_folder": f"{folder}-control",
    }
    return Connection("filesystem://", transport=Transport, transport_options=options)


def test_a_reader_polling_while_another_process_writes_gets_every_message_whole(tmp_path, caplog):
    folder, queue, count = tmp_path / "queue", f"q{uuid.uuid4().hex[:8]}", 1500
    received = set()
    with connection(folder) as conn:
        simple = conn.SimpleQueue(queue)
        publisher = subprocess.Popen(
            [sys.executable, "-c", PUBLISHER, str(folder), queue, str(count)], cwd=ROOT
        )
        deadline = time.monotonic() + 60
        with caplog.at_level(logging.ERROR, logger="platform_core.filesystem_broker"):
            while len(received) < count and time.monotonic() < deadline:
                try:
                    message = simple.get_nowait()  # as fast as it goes: no pause between looks
                except Empty:
                    continue
                received.add(message.payload["number"])
                message.ack()
        publisher.wait(timeout=30)

    assert publisher.returncode == 0
    assert received == set(range(count))
    skipped = [record for record in caplog.records if record.name == "platform_core.filesystem_broker"]
    assert skipped == []  # not one file was taken before it was whole
    assert not list(folder.glob("*.partial"))


def test_an_unreadable_message_file_is_skipped_with_a_log_line_and_the_next_one_delivered(tmp_path, caplog):
    folder, queue = tmp_path / "queue", "mail"
    with connection(folder) as conn:
        simple = conn.SimpleQueue(queue)
        (folder / f"0_{uuid.uuid4()}.{queue}.msg").write_bytes(b"")  # left by a process without our transport
        simple.put({"number": 1})

        with caplog.at_level(logging.ERROR, logger="platform_core.filesystem_broker"):
            payloads = []
            for _ in range(3):
                try:
                    message = simple.get_nowait()
                except Empty:
                    continue
                payloads.append(message.payload)
                message.ack()

    assert payloads == [{"number": 1}]
    assert "Skipped an unreadable message file in queue mail" in caplog.text


def test_the_folders_are_made_when_missing(tmp_path):
    folder = tmp_path / "not" / "yet" / "there"
    with connection(folder) as conn:
        simple = conn.SimpleQueue("made")
        simple.put({"hello": "world"})
        message = simple.get(timeout=5)
        message.ack()

    assert message.payload == {"hello": "world"}
    assert list(folder.iterdir()) == []  # taken: nothing left behind, no partial file
