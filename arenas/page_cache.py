"""Pages as a signed-out visitor sees them, kept in the cache for a few minutes (issue 16).

The arena page, the thread pages and the directory opt in with ``@cached_for_visitors``. A page is kept
under its full path, its query string, the language and the **version** of its arena's pages: a token in
the cache (``arena-pages:<slug>``; the directory's is ``arena-pages:*``). Every service that changes what
an arena's pages show calls ``arena_pages_changed(arena)`` in its transaction; after commit the arena's
version (and the directory's) becomes a new token, so the next visitor gets a fresh page and the old
ones are never read again (they expire after ``ARENA_PAGE_CACHE_SECONDS``, the safety net).

Only signed-out GET and HEAD requests with no messages waiting, not from HTMX, answered 200 without a
cookie of their own. What differs from one visitor to the next is kept out of the stored copy: the
CSRF token and the CSP nonce are stored as placeholders and filled in for each visitor, so a visitor never
gets another's token and the layout's forms (the language switcher) work from a cached page.
A private or draft arena is a 404 to signed-out visitors, and a 404 is never kept.
"""

import hashlib
import re
import secrets
from functools import partial, wraps

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.utils import translation

DIRECTORY = "*"
# NUL cannot come from a template or from a person (forms refuse it), so it marks the placeholders.
CSRF_MARK = b"\x00csrf-token\x00"
NONCE_MARK = b"\x00csp-nonce\x00"
_TOKEN_PATTERNS = (
    re.compile(rb'name="csrfmiddlewaretoken" value="([A-Za-z0-9]{32,64})"'),
    re.compile(rb'"X-CSRFToken": "([A-Za-z0-9]{32,64})"'),
)


def _seconds() -> int:
    return getattr(settings, "ARENA_PAGE_CACHE_SECONDS", 0)


def _version_key(scope: str) -> str:
    return f"arena-pages:{scope}"


def arena_pages_changed(arena) -> None:
    """Call from a service, in its transaction, when what ``arena``'s pages show changes: after commit
    (not at all when it rolls back) its pages and the directory are made afresh for signed-out visitors."""
    transaction.on_commit(partial(arena_pages_bump, arena.slug))


def arena_pages_bump(slug: str) -> None:
    """Move the pages of the arena ``slug`` and of the directory on to a new version now."""
    cache.set_many({_version_key(slug): _new_token(), _version_key(DIRECTORY): _new_token()}, timeout=None)


def _new_token() -> str:
    return secrets.token_hex(8)


def _version(scope: str) -> str | None:
    """The pages' current version, started when there is none. None when the cache cannot say (Redis
    down): nothing is served or kept then. A version that was lost restarts as a new token, never as an
    old one, so no page kept before can come back."""
    key = _version_key(scope)
    version = cache.get(key)
    if version is None:
        cache.add(key, _new_token(), timeout=None)
        version = cache.get(key)
    return version


def _page_key(request, version: str) -> str:
    path = hashlib.sha256(request.get_full_path().encode()).hexdigest()[:32]
    return f"arena-page:{version}:{translation.get_language()}:{path}"


def _servable(request) -> bool:
    return (
        _seconds() > 0
        and request.method in ("GET", "HEAD")
        and "HX-Request" not in request.headers
        and not request.user.is_authenticated
        and not len(getattr(request, "_messages", ()))
    )


def _without_visitor(request, response) -> bytes | None:
    """The page with this visitor's CSRF token and CSP nonce replaced by placeholders; None when it
    must not be kept."""
    if (
        response.status_code != 200
        or response.streaming
        or response.cookies
        or response.has_header("Cache-Control")
        or (getattr(request, "session", None) is not None and request.session.modified)
    ):
        return None
    content = response.content
    tokens = {match for pattern in _TOKEN_PATTERNS for match in pattern.findall(content)}
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE") and not tokens:
        return None  # a token went somewhere we would not find it
    for token in tokens:
        content = content.replace(token, CSRF_MARK)
    nonce = getattr(request, "_csp_nonce", None)
    if nonce:
        content = content.replace(str(nonce).encode(), NONCE_MARK)
    return content


def _with_visitor(request, content: bytes) -> bytes:
    if CSRF_MARK in content:
        content = content.replace(CSRF_MARK, get_token(request).encode())
    if NONCE_MARK in content:
        content = content.replace(NONCE_MARK, str(request._csp_nonce).encode())
    return content


def cached_for_visitors(view):
    """Keep the view's page for signed-out visitors, per arena (the ``slug`` of the URL), or as the
    directory's when the URL names no arena."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not _servable(request):
            return view(request, *args, **kwargs)
        version = _version(kwargs.get("slug", DIRECTORY))
        if version is None:
            return view(request, *args, **kwargs)
        key = _page_key(request, version)
        kept = cache.get(key)
        if kept is not None:
            response = HttpResponse(_with_visitor(request, kept["content"]), content_type=kept["type"])
            response["X-Page-Cache"] = "hit"
            return response
        response = view(request, *args, **kwargs)
        content = _without_visitor(request, response)
        if content is not None:
            cache.set(key, {"content": content, "type": response["Content-Type"]}, timeout=_seconds())
            response["X-Page-Cache"] = "miss"
        return response

    return wrapped
