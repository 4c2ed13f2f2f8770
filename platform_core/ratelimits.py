"""Rate limits: one mechanism for every write a person can repeat.

Each action has a rate, declared once in ``RATES`` (``settings.RATE_LIMITS`` overrides any of them, e.g.
``{"posts": "10/minute"}``). A service calls ``rate_limit(action, identifier)`` after it has validated the
input and before it writes; past the rate it raises ``RateLimited`` with a message for the person and the
seconds until the window frees, which the API answers with 429 and ``Retry-After`` and pages with a 429 that
keeps the form.

The windows are moving windows (the ``limits`` library): the last N hits in the past period count, so no
burst doubles the rate across a window's edge. The counters live in Redis when ``REDIS_URL`` is set (several
web processes share them) and in this process's memory otherwise (``make run``).

They fail open: when the storage cannot be reached, the action goes through and a warning is logged (once a
minute, not per request). A person must never be locked out because Redis is.
"""

import logging
import math
import threading
import time
from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext_lazy, ngettext
from limits import RateLimitItem, parse_many
from limits.storage import MemoryStorage, Storage, storage_from_string
from limits.strategies import MovingWindowRateLimiter

from .exceptions import RateLimited
from .outages import OutageWarning

logger = logging.getLogger(__name__)
outage = OutageWarning(logger, "Rate limits are off until their storage (Redis) answers again")

# Rates a real person does not reach, and that stop a flood early: each thread tells every member of the
# arena, each flag every facilitator, each join request every convener.
RATES = {
    "threads": "5/minute;30/hour",
    "posts": "30/minute;300/hour",
    "flags": "10/minute;50/hour",
    "endorsements": "60/minute;600/hour",
    "feedback": "10/minute;60/hour",
    "join_requests": "5/minute;20/hour",
    "invitations": "500/hour",  # per arena, counting every address sent to (resends too)
    "token_account": "5/minute;30/hour",  # per email address asked for, from wherever
    "token_ip": "60/minute",  # per client address: an office behind one address stays in
    "data_exports": "3/day",  # per person: building an archive reads everything they ever did
}

# What the person is told; ``%(wait)s`` becomes "42 seconds", "5 minutes", ``%(limit)s`` is the rate's
# number (of the strictest rate that is full).
MESSAGES = {
    "threads": gettext_lazy(
        "You have started many threads in a short time. You can start another in %(wait)s."
    ),
    "posts": gettext_lazy("You are posting very fast. You can post again in %(wait)s."),
    "data_exports": gettext_lazy(
        "You have asked for your data %(limit)s times today. You can ask again in %(wait)s."
    ),
    "flags": gettext_lazy(
        "You have flagged many posts in a short time; the facilitators have them all. "
        "You can flag another in %(wait)s."
    ),
    "endorsements": gettext_lazy("You are endorsing very fast. You can endorse again in %(wait)s."),
    "feedback": gettext_lazy(
        "You have given feedback many times in a short time. You can give more in %(wait)s."
    ),
    "join_requests": gettext_lazy(
        "You have asked to join many arenas in a short time. You can ask again in %(wait)s."
    ),
    "invitations": gettext_lazy(
        "An arena can send at most %(limit)s invitations an hour, and this one has no room left for "
        "these. You can send more in %(wait)s."
    ),
    "token_account": gettext_lazy("Too many tokens asked for this account. Try again in %(wait)s."),
    "token_ip": gettext_lazy("Too many token requests from your network. Try again in %(wait)s."),
}

# After a storage error, skip the storage this long (fail open at once instead of trying on every request).
PAUSE_AFTER_ERROR_SECONDS = 5
SOCKET_TIMEOUT_SECONDS = 0.5


def rates_for(action: str) -> list[RateLimitItem]:
    overrides = getattr(settings, "RATE_LIMITS", {}) or {}
    return parse_many(overrides.get(action, RATES[action]))


def wait_text(seconds: int) -> str:
    """ "42 seconds", "1 minute", "5 minutes", "2 hours": how long until the person can try again."""
    if seconds < 90:
        return ngettext("%(count)s second", "%(count)s seconds", seconds) % {"count": seconds}
    if seconds < 90 * 60:
        minutes = math.ceil(seconds / 60)
        return ngettext("%(count)s minute", "%(count)s minutes", minutes) % {"count": minutes}
    hours = math.ceil(seconds / 3600)
    return ngettext("%(count)s hour", "%(count)s hours", hours) % {"count": hours}


@dataclass
class _Storage:
    url: str
    prefix: str
    storage: Storage
    limiter: MovingWindowRateLimiter


_lock = threading.Lock()
_current: _Storage | None = None
_paused_until = 0.0


def _storage_url() -> str:
    return getattr(settings, "RATE_LIMIT_STORAGE_URL", "") or settings.REDIS_URL or "memory://"


def _limiter() -> MovingWindowRateLimiter:
    """One storage per process, built on first use and again when the settings name another one (tests give
    each test its own key prefix)."""
    global _current
    url, prefix = _storage_url(), getattr(settings, "RATE_LIMIT_KEY_PREFIX", "ratelimit")
    current = _current
    if current is not None and current.url == url and current.prefix == prefix:
        return current.limiter
    with _lock:
        if url.startswith("memory://"):
            storage = MemoryStorage()
        else:
            storage = storage_from_string(
                url,
                key_prefix=prefix,
                socket_timeout=SOCKET_TIMEOUT_SECONDS,
                socket_connect_timeout=SOCKET_TIMEOUT_SECONDS,
            )
        _current = _Storage(url, prefix, storage, MovingWindowRateLimiter(storage))
        return _current.limiter


def _storage_failed(error: Exception) -> None:
    global _paused_until
    _paused_until = time.monotonic() + PAUSE_AFTER_ERROR_SECONDS
    outage.warn(error)


def rate_limit(action: str, *identifiers, cost: int = 1) -> None:
    """Count ``cost`` hits of ``action`` for ``identifiers`` (an account's id, an arena's, an address), or
    raise ``RateLimited`` when one of the action's rates has no room for them. Nothing is counted then."""
    if cost <= 0 or time.monotonic() < _paused_until:
        return
    items = rates_for(action)
    key = [action, *(str(i) for i in identifiers)]
    try:
        limiter = _limiter()
        full = [item for item in items if not limiter.test(item, *key, cost=cost)]
        if not full:
            for item in items:
                if not limiter.hit(item, *key, cost=cost):  # another request took the room meanwhile
                    full.append(item)
                    break
        refused = _refusal(limiter, action, key, full) if full else None
    except Exception as error:  # the storage is down or unreachable: let the person through
        _storage_failed(error)
        return
    if refused is not None:
        raise refused


def _refusal(limiter, action: str, key: list[str], full: list[RateLimitItem]) -> RateLimited:
    now = time.time()
    waits = [limiter.get_window_stats(item, *key).reset_time - now for item in full]
    wait = max(1, math.ceil(max(waits)))
    values = {"wait": wait_text(wait), "limit": full[0].amount}
    return RateLimited(MESSAGES[action] % values, retry_after=wait)


def rate_limits_reset() -> None:
    """Forget the storage (and, for memory storage, every count); the next hit builds it again."""
    global _current, _paused_until
    with _lock:
        _current = None
    _paused_until = 0.0
    outage.reset()
