"""The rate-limit mechanism itself: moving windows in Redis (or memory), rates from settings, the wait
until the window frees, and failing open (with one warning a minute) when the storage is down."""

import datetime as dt
import logging

import pytest
import time_machine
from django.core.cache import caches

from platform_core import ratelimits
from platform_core.exceptions import RateLimited
from platform_core.outages import OutageWarning
from platform_core.ratelimits import rate_limit, rates_for, wait_text

CLOSED_PORT_REDIS = "redis://127.0.0.1:1/0"
NOW = dt.datetime(2026, 3, 2, 9, 0, 50, tzinfo=dt.UTC)


@pytest.fixture(params=["redis", "memory"])
def storage(request, settings):
    if request.param == "memory":
        settings.RATE_LIMIT_STORAGE_URL = "memory://"
    return request.param


def refused(action, *ids, cost=1) -> RateLimited | None:
    try:
        rate_limit(action, *ids, cost=cost)
    except RateLimited as exc:
        return exc
    return None


def test_every_action_has_a_rate_and_a_message():
    assert set(ratelimits.RATES) == set(ratelimits.MESSAGES)
    assert [str(rate) for rate in rates_for("posts")] == ["30 per 1 minute", "300 per 1 hour"]


def test_settings_override_one_actions_rate(settings):
    settings.RATE_LIMITS = {"posts": "2/minute"}

    assert [str(rate) for rate in rates_for("posts")] == ["2 per 1 minute"]
    assert [str(rate) for rate in rates_for("threads")] == ["5 per 1 minute", "30 per 1 hour"]


def test_the_window_moves_so_its_edge_does_not_double_the_rate(settings, storage):
    settings.RATE_LIMITS = {"posts": "3/minute"}
    with time_machine.travel(NOW, tick=False):  # 09:00:50
        assert [refused("posts", 7) for _n in range(3)] == [None] * 3
    with time_machine.travel(NOW + dt.timedelta(seconds=15), tick=False):  # 09:01:05: a fixed window reopens
        exc = refused("posts", 7)
        assert exc is not None and exc.retry_after == 45
        assert exc.message == "You are posting very fast. You can post again in 45 seconds."
    with time_machine.travel(NOW + dt.timedelta(seconds=61), tick=False):  # the three have left the window
        assert [refused("posts", 7) for _n in range(3)] == [None] * 3
        assert refused("posts", 7) is not None


def test_the_longer_window_holds_when_the_shorter_has_room(settings, storage):
    settings.RATE_LIMITS = {"posts": "2/minute;3/hour"}
    for minute in range(2):
        with time_machine.travel(NOW + dt.timedelta(minutes=2 * minute), tick=False):
            rate_limit("posts", 7)
            if minute == 0:
                rate_limit("posts", 7)
    with time_machine.travel(NOW + dt.timedelta(minutes=10), tick=False):
        exc = refused("posts", 7)

    assert exc is not None and exc.retry_after == 50 * 60
    assert exc.message.endswith("in 50 minutes.")


def test_a_refused_hit_is_not_counted(settings, storage):
    settings.RATE_LIMITS = {"invitations": "3/hour"}
    with time_machine.travel(NOW, tick=False):
        rate_limit("invitations", 1, cost=2)
        assert refused("invitations", 1, cost=2) is not None  # two do not fit in the one place left
        assert refused("invitations", 1) is None  # the one does: the refused two took nothing


def test_identifiers_keep_counts_apart(settings, storage):
    settings.RATE_LIMITS = {"posts": "1/minute"}
    rate_limit("posts", 1)
    rate_limit("posts", 2)
    rate_limit("threads", 1)

    assert refused("posts", 1) is not None


@pytest.mark.parametrize(
    ("seconds", "text"),
    [
        (1, "1 second"),
        (45, "45 seconds"),
        (89, "89 seconds"),
        (90, "2 minutes"),
        (300, "5 minutes"),
        (3600, "60 minutes"),
        (5400, "2 hours"),
    ],
)
def test_the_wait_reads_naturally(seconds, text):
    assert wait_text(seconds) == text


def test_with_the_storage_down_actions_go_through_and_one_warning_is_logged(settings, caplog):
    settings.RATE_LIMITS = {"posts": "1/minute"}
    settings.RATE_LIMIT_STORAGE_URL = CLOSED_PORT_REDIS
    caplog.set_level(logging.WARNING, logger="platform_core.ratelimits")

    results = [refused("posts", 7) for _n in range(20)]

    assert results == [None] * 20
    warnings = [r for r in caplog.records if r.name == "platform_core.ratelimits"]
    assert len(warnings) == 1
    assert "Rate limits are off" in warnings[0].getMessage()
    assert "ConnectionError" in warnings[0].getMessage()


def test_limits_come_back_when_the_storage_does(settings, monkeypatch):
    settings.RATE_LIMITS = {"posts": "1/minute"}
    settings.RATE_LIMIT_STORAGE_URL = CLOSED_PORT_REDIS
    rate_limit("posts", 7)  # fails open, and pauses the limiter for a few seconds
    settings.RATE_LIMIT_STORAGE_URL = ""  # Redis answers again (REDIS_URL)
    monkeypatch.setattr(ratelimits, "_paused_until", 0.0)  # the pause is over

    rate_limit("posts", 7)

    assert refused("posts", 7) is not None


def test_an_outage_warning_is_logged_once_per_interval_and_counts_the_rest(monkeypatch, caplog):
    clock = [1000.0]
    monkeypatch.setattr("platform_core.outages.time.monotonic", lambda: clock[0])
    warning = OutageWarning(logging.getLogger("test.outage"), "Redis is down", every=60)
    caplog.set_level(logging.WARNING, logger="test.outage")

    for _n in range(5):
        warning.warn(ConnectionError("refused"))
    clock[0] += 61
    warning.warn(ConnectionError("refused"))

    messages = [r.getMessage() for r in caplog.records if r.name == "test.outage"]
    assert messages == [
        "Redis is down: ConnectionError: refused",
        "Redis is down: ConnectionError: refused (4 more since the last warning)",
    ]


# --- the cache that fails open ------------------------------------------------------------------------------


@pytest.fixture
def down_cache(settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "platform_core.cache.FailOpenRedisCache",
            "LOCATION": CLOSED_PORT_REDIS,
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
    from platform_core.cache import outage

    outage.reset()
    return caches["default"]


def test_with_redis_down_the_cache_is_empty_keeps_nothing_and_warns_once(down_cache, caplog):
    caplog.set_level(logging.WARNING, logger="platform_core.cache")

    down_cache.set("a", 1)
    assert down_cache.get("a") is None
    assert down_cache.get("a", "default") == "default"
    assert down_cache.add("lock", True) is True  # a lock "taken", so nobody waits for one in vain
    assert down_cache.get_many(["a", "b"]) == {}
    assert down_cache.delete("a") is False
    assert down_cache.has_key("a") is False

    assert len([r for r in caplog.records if r.name == "platform_core.cache"]) == 1


def test_healthz_still_reports_a_fail_open_cache_that_is_down(client, down_cache, db):
    response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json()["cache"].startswith("error: ConnectionError")
