"""Telling the logs that a dependency is down, without telling them on every request."""

import logging
import math
import threading
import time


class OutageWarning:
    """``warn(error)`` logs a warning about ``what`` at most once every ``every`` seconds (per process);
    the warnings in between are counted and the next one says how many there were."""

    def __init__(self, logger: logging.Logger, what: str, *, every: float = 60):
        self.logger, self.what, self.every = logger, what, every
        self._lock = threading.Lock()
        self._last = -math.inf
        self._unlogged = 0

    def warn(self, error: Exception) -> None:
        now = time.monotonic()
        with self._lock:
            if now - self._last < self.every:
                self._unlogged += 1
                return
            self._last, unlogged, self._unlogged = now, self._unlogged, 0
        more = f" ({unlogged} more since the last warning)" if unlogged else ""
        self.logger.warning("%s: %s: %s%s", self.what, error.__class__.__name__, error, more)

    def reset(self) -> None:
        with self._lock:
            self._last, self._unlogged = -math.inf, 0
