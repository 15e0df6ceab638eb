"""A Redis cache for rate-limit counts that survives Redis going away.

When Redis cannot be reached, the counts move to this process's memory and a
warning is logged (at most once a minute per process). We chose this over
letting every request through (RATELIMIT_FAIL_OPEN) because the limits stay
in force against a script hammering the forms, only per process instead of
shared, while a person is never refused because of our outage. Refusing
everyone (django-ratelimit's default when the cache fails) would turn a
Redis outage into "the forms do not work".
"""

import logging
import time

from django.core.cache.backends.locmem import LocMemCache
from django_redis.cache import RedisCache
from django_redis.exceptions import ConnectionInterrupted
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

WARNING_INTERVAL_SECONDS = 60
REDIS_FAILURES = (RedisError, ConnectionInterrupted, OSError)


class RedisWithMemoryFallbackCache(RedisCache):
    """django-redis's cache; the calls django-ratelimit makes fall back to memory."""

    def __init__(self, server, params):
        params = {**params, "OPTIONS": {**params.get("OPTIONS", {}), "IGNORE_EXCEPTIONS": False}}
        super().__init__(server, params)
        self.fallback = LocMemCache(f"redis-fallback-{server}", {"TIMEOUT": params.get("TIMEOUT", 300)})
        self._last_warning = 0.0

    def _with_fallback(self, name, *args, **kwargs):
        try:
            return getattr(super(), name)(*args, **kwargs)
        except REDIS_FAILURES:
            self._warn()
            return getattr(self.fallback, name)(*args, **kwargs)

    def _warn(self):
        now = time.monotonic()
        if now - self._last_warning >= WARNING_INTERVAL_SECONDS:
            self._last_warning = now
            logger.warning("Redis is unreachable: rate limits are counted in this process's memory until it returns.")

    def add(self, *args, **kwargs):
        return self._with_fallback("add", *args, **kwargs)

    def get(self, *args, **kwargs):
        return self._with_fallback("get", *args, **kwargs)

    def set(self, *args, **kwargs):
        return self._with_fallback("set", *args, **kwargs)

    def incr(self, *args, **kwargs):
        return self._with_fallback("incr", *args, **kwargs)

    def delete(self, *args, **kwargs):
        return self._with_fallback("delete", *args, **kwargs)

    def clear(self):
        self.fallback.clear()
        return self._with_fallback("clear")
