"""Shared by the deliberation API tests: token headers, the people of an arena, and long threads built in
bulk (the services number posts one at a time and limit posting to 30 a minute), and a check that
rendered HTML carries nothing that could run script."""

import re
from html.parser import HTMLParser

from rest_framework.authtoken.models import Token

from arenas.deliberation.bulk import Shape, posts_bulk_create
from arenas.deliberation.models import Thread
from arenas.models import Role
from tests.factories import MembershipFactory, UserFactory

NOT_FOUND = {"error": {"status": 404, "code": "not_found", "message": "Not found."}}
ROLES = ["anonymous", "outsider", "observer", "participant", "author", "facilitator"]


def auth(user) -> dict:
    """Request headers that call as ``user`` with an API token (none for ``None``: an anonymous call)."""
    if user is None:
        return {}
    token, _created = Token.objects.get_or_create(user=user)
    return {"HTTP_AUTHORIZATION": f"Token {token.key}"}


def people_of(arena) -> dict:
    """One person per role that matters to deliberation (``author`` is a participant who writes)."""
    return {
        "anonymous": None,
        "outsider": UserFactory(),
        "observer": MembershipFactory(arena=arena, role=Role.OBSERVER).user,
        "participant": MembershipFactory(arena=arena, role=Role.PARTICIPANT).user,
        "author": MembershipFactory(arena=arena, role=Role.PARTICIPANT).user,
        "facilitator": MembershipFactory(arena=arena, role=Role.FACILITATOR).user,
    }


def bulk_thread(arena, size: int, *, authors, endorser=None, title="Long thread") -> Thread:
    """A thread of ``size`` posts by many ``authors``: every fifth post a reply to the one before, every
    seventh hidden, every eleventh deleted, every thirteenth edited; ``endorser`` endorses every third."""
    thread = Thread.objects.create(
        arena=arena, author=authors[0], title=title, body="Opening text", body_html="<p>Opening text</p>"
    )
    return posts_bulk_create(
        thread,
        size,
        author_ids=[a.pk for a in authors],
        endorser_ids=[endorser.pk] if endorser is not None else (),
        shape=Shape(hidden_every=7, deleted_every=11, edited_every=13),
    )


# --- what must never be in rendered HTML ---------------------------------------------------------------------

BANNED_TAGS = {
    "script",
    "iframe",
    "frame",
    "frameset",
    "object",
    "embed",
    "applet",
    "style",
    "base",
    "svg",
    "math",
    # raw-text elements a browser parses differently from Python's parser (markup hidden in them runs)
    "noscript",
    "noembed",
    "noframes",
    "xmp",
    "plaintext",
    "template",
}
URL_ATTRIBUTES = {
    "href",
    "src",
    "action",
    "formaction",
    "data",
    "poster",
    "background",
    "xlink:href",
    "codebase",
    "cite",
    "longdesc",
    "lowsrc",
    "dynsrc",
    "ping",
}
BAD_SCHEMES = ("javascript:", "vbscript:", "data:")


def is_dangerous_url(value: str) -> bool:
    """As a browser reads a URL: tabs and newlines anywhere are dropped, leading controls and spaces too."""
    cleaned = "".join(ch for ch in value if ch not in "\t\n\r").lstrip("".join(map(chr, range(33)))).lower()
    return cleaned.startswith(BAD_SCHEMES)


def _unsafe(attribute: str, value: str) -> bool:
    if attribute.startswith("on") or attribute == "srcdoc":
        return True
    if attribute in URL_ATTRIBUTES:
        return is_dangerous_url(value)
    if attribute == "style":
        return bool(re.search(r"expression|javascript:|url\s*\(", value, re.IGNORECASE))
    if attribute == "content":  # <meta http-equiv="refresh" content="0;url=javascript:…">
        return bool(re.search(r"url\s*=\s*['\"]?\s*(javascript|vbscript|data):", value, re.IGNORECASE))
    return False


class _Finder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = {name.lower(): value or "" for name, value in attrs}
        ours = attributes.get("src", attributes.get("href", "")).startswith("/static/")
        if tag in BANNED_TAGS and not (tag == "script" and ours and "nonce" in attributes):
            self.found.append(f"<{tag}> {attrs}")
        if tag == "link" and not ours:
            self.found.append(f"<link> {attrs}")
        self.found += [
            f"<{tag} {name}={value!r}>" for name, value in attributes.items() if _unsafe(name, value)
        ]

    handle_startendtag = handle_starttag

    def handle_data(self, data):
        self.text.append(data)

    def handle_comment(self, data):
        """Python's parser reads ``<!-->``, ``<!--->`` and ``--!>`` unlike a browser, which ends the comment
        there: what follows is markup to a browser, so it is checked as markup."""
        for opening in (">", "->"):
            if data.startswith(opening):
                self.found += unsafe_markup(data[len(opening) :])
                return
        if "--!>" in data:
            self.found += unsafe_markup(data.split("--!>", 1)[1])


def unsafe_markup(html: str) -> list[str]:
    """What in ``html`` could run script: banned elements, event-handler attributes, script URLs. Text
    that merely reads like markup (``&lt;script&gt;``) is fine."""
    finder = _Finder()
    finder.feed(html)
    finder.close()
    return finder.found


def visible_text(html: str) -> str:
    finder = _Finder()
    finder.feed(html)
    finder.close()
    return " ".join(finder.text)
