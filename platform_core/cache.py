"""The cache backend used when ``REDIS_URL`` is set: Django's Redis cache, except that it fails open.

The cache only ever speeds things up or counts (allauth's sign-in limits, for one). When Redis is down it
behaves as an empty cache that keeps nothing, and logs a warning once a minute, so that signing in, getting
a token and posting still work. ``/healthz`` asks it with ``ping()``, which does raise.
"""

import logging

from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis import RedisError

from .outages import OutageWarning

logger = logging.getLogger(__name__)
outage = OutageWarning(logger, "The cache (Redis) cannot be reached; going on without it")


class FailOpenRedisCacheClient(RedisCacheClient):
    def _try(self, method, fallback, *args):
        try:
            return getattr(super(), method)(*args)
        except RedisError as error:
            outage.warn(error)
            return fallback

    def add(self, key, value, timeout):
        # True as if added: a lock taken with add() (allauth's) is then taken, not waited for in vain.
        return self._try("add", True, key, value, timeout)

    def get(self, key, default):
        return self._try("get", default, key, default)

    def set(self, key, value, timeout):
        return self._try("set", None, key, value, timeout)

    def touch(self, key, timeout):
        return self._try("touch", False, key, timeout)

    def delete(self, key):
        return self._try("delete", False, key)

    def get_many(self, keys):
        return self._try("get_many", {}, keys)

    def has_key(self, key):
        return self._try("has_key", False, key)

    def incr(self, key, delta):
        return self._try("incr", delta, key, delta)

    def set_many(self, data, timeout):
        return self._try("set_many", None, data, timeout)

    def delete_many(self, keys):
        return self._try("delete_many", None, keys)

    def clear(self):
        return self._try("clear", False)


class FailOpenRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = FailOpenRedisCacheClient

    def ping(self) -> bool:
        """Whether Redis answers; raises when it does not (for the health check, which must know)."""
        return self._cache.get_client(write=True).ping()
