"""What /healthz reports: can we reach the database, the cache and the broker?

``/healthz/node`` asks only what one web node needs of its own to serve pages: its process answers and it
reaches the database. A load balancer checks that one: when Redis is down every node is equally affected
and goes on serving (the cache and rate limits fail open, the outbox waits), so taking them all out of
rotation would turn a degraded site into no site."""

import uuid

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from kombu import Connection

BROKER_TIMEOUT_SECONDS = 2


def check_database() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def check_cache() -> None:
    ping = getattr(cache, "ping", None)
    if ping is not None:  # a cache that fails open hides its errors from get and set: ask it straight
        ping()
    key = f"healthz:{uuid.uuid4().hex}"
    cache.set(key, "ok", timeout=10)
    if cache.get(key) != "ok":
        raise RuntimeError("the cache did not return what was stored")
    cache.delete(key)


def check_broker() -> None:
    with Connection(
        settings.CELERY_BROKER_URL,
        transport_options=settings.CELERY_BROKER_TRANSPORT_OPTIONS,
        connect_timeout=BROKER_TIMEOUT_SECONDS,
    ) as conn:
        conn.ensure_connection(max_retries=1, timeout=BROKER_TIMEOUT_SECONDS)


CHECKS = {"database": check_database, "cache": check_cache, "broker": check_broker}
NODE_CHECKS = ("database",)


def health_report(names=tuple(CHECKS)) -> tuple[bool, dict[str, str]]:
    report = {}
    for name in names:
        check = CHECKS[name]
        try:
            check()
        except Exception as exc:
            report[name] = f"error: {exc.__class__.__name__}: {exc}"[:300]
        else:
            report[name] = "ok"
    return all(value == "ok" for value in report.values()), report
