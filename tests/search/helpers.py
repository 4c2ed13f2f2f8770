"""Shared by the search tests: asking the page and the API as someone, and reading what each shows."""

import datetime as dt
import re
from html import unescape
from urllib.parse import urlencode

import time_machine

from tests.arenas.deliberation.api_helpers import auth

PAGE = "/search/"
API = "/api/v1/search/"

_HIT = re.compile(r'<li class="search-hit[^"]*">(.*?)</li>\s*(?=<li class="search-hit|</ol>)', re.S)
_TITLE = re.compile(r'<h3[^>]*><a href="([^"]*)"[^>]*>(.*?)</a></h3>', re.S)
_EXCERPT = re.compile(r'<p class="mb-0 search-excerpt"[^>]*>(.*?)</p>', re.S)
_KIND = re.compile(r'<span class="badge text-bg-light border">([^<]*)</span>')
_SCOPE = re.compile(r'<p class="small[^"]*">.*?<a href="/arenas/([^/"]+)/"', re.S)


def login(client, user):
    client.logout()
    if user is not None:
        client.force_login(user)
    return client


def page(client, user, **params):
    """``GET /search/?…`` as ``user`` (``None``: anonymous)."""
    login(client, user)
    return client.get(f"{PAGE}?{urlencode(params)}")


def api(client, user, **params):
    """``GET /api/v1/search/?…`` as ``user``, with a token."""
    client.logout()
    return client.get(f"{API}?{urlencode(params)}", **auth(user))


def page_hits(response) -> list[dict]:
    """The hits of a results page, in order: ``kind``, ``title`` (plain), ``title_html``, ``url``,
    ``excerpt`` (HTML), ``arena`` (its slug), ``hidden`` (marked "Hidden")."""
    assert response.status_code == 200, response.status_code
    hits = []
    for block in _HIT.findall(response.content.decode()):
        url, title_html = _TITLE.search(block).groups()
        excerpt = _EXCERPT.search(block)
        scope = _SCOPE.search(block)
        hits.append(
            {
                "kind": _KIND.search(block).group(1).strip(),
                "title": unescape(re.sub(r"</?mark>", "", title_html)).strip(),
                "title_html": title_html.strip(),
                "url": unescape(url),
                "excerpt": excerpt.group(1).strip() if excerpt else "",
                "arena": scope.group(1) if scope else None,
                "hidden": '<span class="badge text-bg-warning">Hidden</span>' in block,
            }
        )
    return hits


def api_hits(response) -> list[dict]:
    assert response.status_code == 200, (response.status_code, response.content[:300])
    return response.json()["results"]


def page_titles(response) -> list[str]:
    return [hit["title"] for hit in page_hits(response)]


def api_titles(response) -> list[str]:
    return [hit["title"] for hit in api_hits(response)]


def relative(url: str) -> str:
    """An API URL without its scheme and host, as the page links it."""
    return re.sub(r"^https?://[^/]+", "", url)


START = dt.datetime(2026, 5, 4, 9, 0, tzinfo=dt.UTC)


def at(minutes: int):
    """A fixed clock ``minutes`` after ``START``: documents created in a known order."""
    return time_machine.travel(START + dt.timedelta(minutes=minutes), tick=False)
