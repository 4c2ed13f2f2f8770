"""allauth's own rate limits (``ACCOUNT_RATE_LIMITS``: sign-in, failed sign-ins, sign-up, password reset)
answered as ours are: 429, ``Retry-After`` and a message in the person's language.

allauth keeps each limit's hits in the cache (a list of timestamps per IP, account or key); the cache fails
open (platform_core/cache.py), so a Redis outage lifts these limits instead of locking people out.
"""

import math
import time

from allauth.core.internal.ratelimit import get_cache_key, get_rates
from django.core.cache import cache
from django.utils.translation import gettext as _

from platform_core.exceptions import RateLimited
from platform_core.ratelimits import wait_text

APP = "allauth.account"
DEFAULT_WAIT = 60

# The allauth page → the limit that answers 429 there (allauth's handler429 is told only the request).
ACTIONS_BY_URL_NAME = {
    "account_login": "login",
    "account_signup": "signup",
    "account_reset_password": "reset_password",
    "account_reset_password_from_key": "reset_password_from_key",
    "account_change_password": "change_password",
    "account_set_password": "change_password",
    "account_email": "manage_email",
    "account_reauthenticate": "reauthenticate",
}


def retry_after(request, *, action: str, key: str | None = None) -> int:
    """Seconds until ``action`` has room again for this request: when the oldest hit that fills a full
    rate leaves its window. A rate counted per key that we are not told is taken as its whole period."""
    rates = get_rates(app=APP, action=action)
    now, waits = time.time(), []
    for rate in rates:
        if rate.per == "user" and not request.user.is_authenticated:
            continue
        if rate.per == "key" and key is None:
            continue
        cache_key = get_cache_key(request, app=APP, action=action, rate=rate, key=key)
        hits = [ts for ts in cache.get(cache_key, []) if ts > now - rate.duration]
        if len(hits) >= rate.amount:
            waits.append(hits[rate.amount - 1] + rate.duration - now)
    if not waits:
        waits = [rate.duration for rate in rates] or [DEFAULT_WAIT]
    return max(1, math.ceil(max(waits)))


def sign_in_locked(request, *, key: str) -> RateLimited:
    """Too many failed sign-ins (allauth's ``login_failed``) for this address or from this IP."""
    wait = retry_after(request, action="login_failed", key=key)
    message = _("Too many failed sign-in attempts. You can try again in %(wait)s.") % {
        "wait": wait_text(wait)
    }
    return RateLimited(message, retry_after=wait)


def allauth_limited(request) -> RateLimited:
    """What allauth's 429 (a page's own limit: sign-in, sign-up, password reset) says."""
    match = request.resolver_match
    action = ACTIONS_BY_URL_NAME.get(match.url_name if match else "")
    wait = retry_after(request, action=action) if action else DEFAULT_WAIT
    message = _("You have sent many requests in a short time. You can try again in %(wait)s.") % {
        "wait": wait_text(wait)
    }
    return RateLimited(message, retry_after=wait)
