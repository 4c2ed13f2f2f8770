"""The post list, rendered in Python.

A page shows 50 posts and their replies. Through Django templates each cost about 0.6 ms (includes,
translation tags, URL reversing, localisation), which made a full page of a long thread 2–3× slower than a
10-post thread. Here the same markup is built with plain string formatting: user-provided values go
through ``html.escape``, labels are translated once per page, URLs are derived from the thread's URL.
The templates ``_post.html``, ``_post_article.html`` and ``_endorse.html`` call these functions, so there is
one source for the markup.
"""

from dataclasses import dataclass, field
from functools import cached_property
from html import escape

from django.contrib.humanize.templatetags.humanize import naturaltime
from django.utils import formats, timezone
from django.utils.dateformat import format as date_format
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext


@dataclass(frozen=True)
class PostContext:
    thread_url: str
    order: str
    may_contribute: bool
    may_moderate: bool
    may_flag: bool
    locked: bool
    arena_writable: bool
    endorsed: frozenset
    csrf_token: str
    labels: dict = field(default_factory=dict, compare=False)

    @cached_property
    def csrf_input(self) -> str:
        return f'<input type="hidden" name="csrfmiddlewaretoken" value="{escape(self.csrf_token)}">'


def labels() -> dict:
    """Every fixed text of a post, translated once per page."""
    return {
        "endorse": escape(_("Endorse")),
        "reply": escape(_("Reply")),
        "edit": escape(_("Edit")),
        "delete": escape(_("Delete")),
        "flag": escape(_("Flag")),
        "hide": escape(_("Hide")),
        "unhide": escape(_("Unhide")),
        "edited": escape(_("edited")),
        "replaced": escape(_("Replaced")),
        "deleted_participant": escape(_("Deleted participant")),
        "deleted": escape(_("This post was deleted.")),
        "hidden": escape(_("Hidden by a moderator.")),
        "hidden_you": escape(_("Only you and the facilitators see the text.")),
        "hidden_others": escape(_("Others see only that it is hidden.")),
        "post": _("post %(number)s"),
        "to_post": _("to post %(number)s"),
        "link": _("Link to post %(number)s, written"),
        "by": _("Post %(number)s by %(name)s"),
        "by_deleted": _("Post %(number)s by a deleted participant"),
        "deleted_label": _("Post %(number)s, deleted"),
        "reason": _("Reason: “%(reason)s”"),
        "datetime_format": formats.get_format("DATETIME_FORMAT"),
    }


def _exact(local, ctx: PostContext) -> str:
    """The exact date and time for the tooltip. The format shows minutes at most, so posts written in the
    same minute share one formatting (Django's date formatting is the costliest part of a post)."""
    fmt = ctx.labels["datetime_format"]
    if "s" in fmt or "u" in fmt:
        return escape(date_format(local, fmt))
    memo = ctx.labels.setdefault("_exact_by_minute", {})
    minute = local.replace(second=0, microsecond=0)
    if minute not in memo:
        memo[minute] = escape(date_format(local, fmt))
    return memo[minute]


def _time(when, ctx: PostContext) -> str:
    """Relative, with the exact date and time on hover, in the viewer's time zone and language."""
    local = timezone.localtime(when) if timezone.is_aware(when) else when
    return f'<time datetime="{local.isoformat()}" title="{_exact(local, ctx)}">{escape(str(naturaltime(when)))}</time>'


def _endorse(post, ctx: PostContext) -> str:
    count = post.endorsement_count
    if ctx.may_contribute and not post.is_hidden and not post.is_deleted:
        url = f"{ctx.thread_url}posts/{post.number}/endorse/"
        pressed = post.pk in ctx.endorsed
        plural = ctx.labels.setdefault("_endorsement_label", {})
        if count not in plural:
            plural[count] = ngettext(
                "post %(number)s, %(counter)s endorsement", "post %(number)s, %(counter)s endorsements", count
            )
        label = plural[count] % {"number": post.number, "counter": count}
        return (
            f'<form method="post" action="{url}" hx-post="{url}" hx-swap="outerHTML" class="endorse-form">'
            f"{ctx.csrf_input}"
            f'<button type="submit" id="endorse-{post.number}" class="btn btn-sm endorse-button '
            f'{"btn-primary" if pressed else "btn-outline-primary"}" aria-pressed="{"true" if pressed else "false"}">'
            f'{ctx.labels["endorse"]} <span class="endorse-count" aria-hidden="true">{count}</span>'
            f'<span class="visually-hidden">{escape(label)}</span></button></form>'
        )
    if count and not post.is_deleted:
        total = ngettext("%(counter)s endorsement", "%(counter)s endorsements", count) % {"counter": count}
        return f'<span class="endorse-total">{escape(total)}</span>'
    return ""


def endorse_button(post, ctx: PostContext) -> SafeString:
    return mark_safe(_endorse(post, ctx))


def _panel_link(ctx, post, action, text, hidden, css="btn btn-sm btn-outline-secondary") -> str:
    url = f"{ctx.thread_url}posts/{post.number}/{action}/"
    n = post.number
    return (
        f'<a class="{css}" href="{url}" hx-get="{url}" hx-target="#post-{n}-panel" hx-swap="innerHTML" '
        f'data-opens-panel="post-{n}-panel">{text}<span class="visually-hidden"> {escape(hidden)}</span></a>'
    )


def _article(post, ctx: PostContext) -> str:
    t = ctx.labels
    n = post.number
    mine = getattr(post, "mine", False)
    post_label = t["post"] % {"number": n}
    classes = (
        "post" + (" post-hidden" if post.is_hidden else "") + (" post-deleted" if post.is_deleted else "")
    )
    author = post.author
    if post.is_deleted:
        label = t["deleted_label"] % {"number": n}
    elif author:
        label = t["by"] % {"number": n, "name": author.name}
    else:
        label = t["by_deleted"] % {"number": n}
    parts = [
        f'<article id="post-{n}" class="{classes}" tabindex="-1" aria-labelledby="post-{n}-label">',
        f'<header class="post-header"><span class="visually-hidden" id="post-{n}-label">{escape(label)}</span>',
    ]
    if not post.is_deleted:
        if author:
            parts.append(
                f'<span class="post-author">{escape(author.name)}</span> '
                f'<span class="post-handle">@{escape(author.handle)}</span>'
            )
        else:
            parts.append(f'<span class="post-author">{t["deleted_participant"]}</span>')
        if post.stance:
            parts.append(
                f' <span class="badge stance-badge stance-{escape(post.stance)}">'
                f"{escape(str(post.get_stance_display()))}</span>"
            )
    newest = "&amp;order=newest" if ctx.order == "newest" else ""
    parts.append(
        f' <a class="post-time" href="{ctx.thread_url}?post={n}{newest}#post-{n}"><span class="visually-hidden">'
        f"{escape(t['link'] % {'number': n})} </span>{_time(post.created, ctx)}</a>"
    )
    if post.edited_at and not post.is_deleted:
        parts.append(f' <span class="post-edited">{t["edited"]} {_time(post.edited_at, ctx)}</span>')
    parts.append("</header>")

    if post.is_deleted:
        parts.append(f'<p class="post-placeholder">{t["deleted"]}</p>')
    elif post.is_hidden and not ctx.may_moderate and not mine:
        parts.append(f'<p class="post-placeholder">{t["hidden"]}</p>')
    else:
        if post.is_hidden:
            who = t["hidden_you"] if mine and not ctx.may_moderate else t["hidden_others"]
            reason = escape(t["reason"] % {"reason": post.hidden_reason})
            parts.append(f'<p class="post-hidden-note"><strong>{t["hidden"]}</strong> {reason} {who}</p>')
        parts.append(f'<div class="post-body">{post.body_html}</div>')  # sanitised when it was saved

    versions = getattr(post, "earlier_versions", None)
    if versions:
        summary = ngettext("%(counter)s earlier version", "%(counter)s earlier versions", len(versions)) % {
            "counter": len(versions)
        }
        parts.append(
            f'<details class="post-history"><summary>{escape(summary)}</summary><ol class="list-unstyled">'
        )
        for revision in versions:
            body = escape(revision.body).replace("\r\n", "\n").replace("\n", "<br>")
            parts.append(
                f'<li class="post-revision"><p class="small text-body-secondary mb-1">{t["replaced"]} '
                f'{_time(revision.created, ctx)}</p><div class="revision-body">{body}</div></li>'
            )
        parts.append("</ol></details>")

    if not post.is_deleted:
        actions = [_endorse(post, ctx)]
        open_for_changes = ctx.may_contribute and not ctx.locked and not post.is_hidden
        if open_for_changes:
            actions.append(_panel_link(ctx, post, "reply", t["reply"], t["to_post"] % {"number": n}))
        if mine and open_for_changes:
            actions.append(_panel_link(ctx, post, "edit", t["edit"], post_label))
        if mine and ctx.arena_writable:
            actions.append(_panel_link(ctx, post, "delete", t["delete"], post_label))
        if ctx.may_flag and not mine and not post.is_hidden:
            actions.append(_panel_link(ctx, post, "flag", t["flag"], post_label, css="btn btn-sm btn-link"))
        if ctx.may_moderate:
            if post.is_hidden:
                url = f"{ctx.thread_url}posts/{n}/unhide/"
                actions.append(
                    f'<form method="post" action="{url}" hx-post="{url}" hx-target="#post-{n}" hx-swap="outerHTML" '
                    f'class="d-inline">{ctx.csrf_input}<input type="hidden" name="order" value="{escape(ctx.order)}">'
                    f'<button type="submit" class="btn btn-sm btn-outline-secondary">{t["unhide"]}'
                    f'<span class="visually-hidden"> {escape(post_label)}</span></button></form>'
                )
            else:
                actions.append(
                    _panel_link(ctx, post, "hide", t["hide"], post_label, css="btn btn-sm btn-outline-danger")
                )
        parts.append(f'<footer class="post-actions">{"".join(actions)}</footer>')
        parts.append(f'<div id="post-{n}-panel" class="post-panel"></div>')
    parts.append("</article>")
    return "".join(parts)


def post_article(post, ctx: PostContext) -> SafeString:
    return mark_safe(_article(post, ctx))


def _tree(post, ctx: PostContext) -> str:
    children = getattr(post, "children", None)
    replies = ""
    if children:
        replies = f'<ol class="list-unstyled post-replies">{"".join(_tree(c, ctx) for c in children)}</ol>'
    return f'<li class="post-item post-depth-{post.depth}">{_article(post, ctx)}{replies}</li>'


def post_tree(post, ctx: PostContext) -> SafeString:
    """A post and, nested under it, its replies (two levels at most)."""
    return mark_safe(_tree(post, ctx))
