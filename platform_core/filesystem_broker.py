"""The embedded broker of ``make run``: kombu's filesystem transport, safe with a fast reader.

kombu (5.7) creates a message's file and only then writes it, while the worker takes any file whose name
ends in ``.<queue>.msg``. A worker that looks at the folder in between reads an empty or half-written file
and stops with ``Unrecoverable error: JSONDecodeError`` (celery/kombu#1551) — and under honcho, the web
server with it. Here a message is written under a name the worker ignores and renamed into place once
complete (a rename within one folder is atomic), the folders are made if missing, and a file that still
cannot be read (left by an older process) is logged and skipped rather than ending the worker.
"""

import contextlib
import logging
import os
import uuid
from queue import Empty
from time import monotonic

from kombu.exceptions import ChannelError
from kombu.transport import filesystem
from kombu.utils.encoding import str_to_bytes
from kombu.utils.json import dumps

logger = logging.getLogger(__name__)

PARTIAL_SUFFIX = ".partial"


def message_filename(queue: str) -> str:
    """kombu's own naming: the time first, so that a sorted listing is oldest first."""
    return f"{round(monotonic() * 1000)}_{uuid.uuid4()}.{queue}.msg"


class Channel(filesystem.Channel):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for folder in (self.data_folder_in, self.data_folder_out, self.control_folder):
            os.makedirs(folder, exist_ok=True)
        if self.store_processed:
            os.makedirs(self.processed_folder, exist_ok=True)

    def _put(self, queue, payload, **kwargs):
        final = os.path.join(self.data_folder_out, message_filename(queue))
        # The reader matches what follows the first dot: ".<name>.partial" is never taken for a message.
        partial = os.path.join(self.data_folder_out, f".{os.path.basename(final)}{PARTIAL_SUFFIX}")
        try:
            with open(partial, "wb") as file:
                file.write(str_to_bytes(dumps(payload)))
            os.replace(partial, final)
        except OSError as exc:
            with contextlib.suppress(OSError):
                os.remove(partial)
            raise ChannelError(f"Cannot add file {final!r} to directory") from exc

    def _get(self, queue):
        try:
            return super()._get(queue)
        except ValueError as exc:  # JSONDecodeError: a file written by a process without this transport
            logger.error("Skipped an unreadable message file in queue %s: %s", queue, exc)
            raise Empty() from exc


class Transport(filesystem.Transport):
    Channel = Channel
