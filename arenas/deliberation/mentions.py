"""@mentions: find handles in Markdown, link them, and decide who may be notified."""

import re

from django.urls import reverse

from platform_core.accounts.models import HANDLE_PATTERN

MENTION = re.compile(rf"(?<![\w@/])@({HANDLE_PATTERN})\b")


def handles_in(text: str) -> list[str]:
    return list(dict.fromkeys(m.group(1).lower() for m in MENTION.finditer(text or "")))


def link_mentions(html: str, handles: set[str]) -> str:
    """Turn @handle into a link in already-sanitised HTML, for handles that belong to someone."""
    if not handles:
        return html

    def replace(match):
        handle = match.group(1).lower()
        if handle not in handles:
            return match.group(0)
        return f'<a class="mention" href="{reverse("arenas:person", args=[handle])}">@{handle}</a>'

    # Only outside tags: the sanitised HTML has no attributes containing "@handle" text we would break,
    # except hrefs (mailto:), which the lookbehind on "/" and word characters excludes.
    out, in_code = [], 0
    for part in re.split(r"(<[^>]+>)", html):
        if part.startswith("<"):
            tag = part.strip("</>").split()[0].lower() if part.strip("</>") else ""
            if tag in ("code", "pre"):
                in_code += -1 if part.startswith("</") else 1
            out.append(part)
        else:
            out.append(part if in_code else MENTION.sub(replace, part))
    return "".join(out)
