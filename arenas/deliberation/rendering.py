"""The post list, rendered in Python, safe by construction.

A page shows 50 posts and their replies. Through nested Django templates each cost about 0.6 ms (includes,
translation tags, URL reversing, localisation), which made a full page of a long thread 2–3× slower than a
10-post thread. Here the same markup is built with ``format_html`` / ``format_html_join``: every value is
escaped unless it is already safe (the post's HTML, sanitised when it was saved, is marked so in one place),
labels are translated once per page, URLs come from one ``reverse`` of the thread per page, and what the
viewer may do with each post comes from the policy (``rules.PostPermissions``). The templates
``_post.html``, ``_post_article.html`` and ``_endorse.html`` call these functions: one source for the markup.
"""

from dataclasses import dataclass, field

from django.contrib.humanize.templatetags.humanize import naturaltime
from django.utils import formats, timezone
from django.utils.dateformat import format as date_format
from django.utils.html import conditional_escape, format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .rules import PostPermissions

EMPTY = mark_safe("")


@dataclass(frozen=True)
class PostContext:
    thread_url: str
    order: str
    permissions: PostPermissions
    endorsed: frozenset
    csrf_token: str
    labels: dict = field(default_factory=dict, compare=False)

    def csrf_input(self) -> SafeString:
        return self.labels.setdefault(
            "_csrf_input",
            format_html('<input type="hidden" name="csrfmiddlewaretoken" value="{}">', self.csrf_token),
        )


def labels() -> dict:
    """Every fixed text of a post, translated — and the ones used as they are, escaped — once per page."""
    texts = {
        "endorse": _("Endorse"),
        "reply": _("Reply"),
        "edit": _("Edit"),
        "delete": _("Delete"),
        "flag": _("Flag"),
        "hide": _("Hide"),
        "unhide": _("Unhide"),
        "edited": _("edited"),
        "replaced": _("Replaced"),
        "deleted_participant": _("Deleted participant"),
        "deleted": _("This post was deleted."),
        "hidden": _("Hidden by a moderator."),
        "hidden_you": _("Only you and the facilitators see the text."),
        "hidden_others": _("Others see only that it is hidden."),
        "post": _("post %(number)s"),
        "to_post": _("to post %(number)s"),
        "link": _("Link to post %(number)s, written"),
        "by": _("Post %(number)s by %(name)s"),
        "by_deleted": _("Post %(number)s by a deleted participant"),
        "deleted_label": _("Post %(number)s, deleted"),
        "reason": _("Reason: “%(reason)s”"),
    }
    escaped = {key: text if "%(" in text else conditional_escape(text) for key, text in texts.items()}
    return {**escaped, "datetime_format": formats.get_format("DATETIME_FORMAT")}


def _n(post) -> SafeString:
    """The post's number, escaped once (it is used a dozen times in its markup)."""
    return post.__dict__.setdefault("_number_html", conditional_escape(post.number))


def _exact(local, ctx: PostContext) -> str:
    """The exact date and time for the tooltip. The format shows minutes at most, so posts written in the
    same minute share one formatting (Django's date formatting is the costliest part of a post)."""
    fmt = ctx.labels["datetime_format"]
    if "s" in fmt or "u" in fmt:
        return date_format(local, fmt)
    memo = ctx.labels.setdefault("_exact_by_minute", {})
    minute = local.replace(second=0, microsecond=0)
    if minute not in memo:
        memo[minute] = date_format(local, fmt)
    return memo[minute]


def _time(when, ctx: PostContext) -> SafeString:
    """Relative, with the exact date and time on hover, in the viewer's time zone and language."""
    local = timezone.localtime(when) if timezone.is_aware(when) else when
    return format_html(
        '<time datetime="{}" title="{}">{}</time>', local.isoformat(), _exact(local, ctx), naturaltime(when)
    )


def _endorse(post, ctx: PostContext, allowed: frozenset) -> SafeString:
    count = post.endorsement_count
    if "deliberation.endorse_post" in allowed:
        url = f"{ctx.thread_url}posts/{post.number}/endorse/"
        pressed = post.pk in ctx.endorsed
        plural = ctx.labels.setdefault("_endorsement_label", {})
        if count not in plural:
            plural[count] = ngettext(
                "post %(number)s, %(counter)s endorsement", "post %(number)s, %(counter)s endorsements", count
            )
        return format_html(
            '<form method="post" action="{url}" hx-post="{url}" hx-swap="outerHTML" class="endorse-form">'
            "{csrf}"
            '<button type="submit" id="endorse-{number}" class="btn btn-sm endorse-button {css}" '
            'aria-pressed="{pressed}">{label} <span class="endorse-count" aria-hidden="true">{count}</span>'
            '<span class="visually-hidden">{spoken}</span></button></form>',
            url=url,
            csrf=ctx.csrf_input(),
            number=_n(post),
            css="btn-primary" if pressed else "btn-outline-primary",
            pressed="true" if pressed else "false",
            label=ctx.labels["endorse"],
            count=count,
            spoken=plural[count] % {"number": post.number, "counter": count},
        )
    if count and not post.is_deleted:
        total = ngettext("%(counter)s endorsement", "%(counter)s endorsements", count) % {"counter": count}
        return format_html('<span class="endorse-total">{}</span>', total)
    return EMPTY


def endorse_button(post, ctx: PostContext) -> SafeString:
    return _endorse(post, ctx, ctx.permissions.of(post))


def _panel_link(ctx, post, action, text, hidden, css="btn btn-sm btn-outline-secondary") -> SafeString:
    return format_html(
        '<a class="{css}" href="{url}" hx-get="{url}" hx-target="#post-{n}-panel" hx-swap="innerHTML" '
        'data-opens-panel="post-{n}-panel">{text}<span class="visually-hidden"> {hidden}</span></a>',
        css=css,
        url=f"{ctx.thread_url}posts/{post.number}/{action}/",
        n=_n(post),
        text=text,
        hidden=hidden,
    )


def _header(post, ctx: PostContext) -> SafeString:
    t, n, author = ctx.labels, _n(post), post.author
    if post.is_deleted:
        label = t["deleted_label"] % {"number": n}
    elif author:
        label = t["by"] % {"number": n, "name": author.name}
    else:
        label = t["by_deleted"] % {"number": n}
    who = EMPTY
    if not post.is_deleted:
        if author:
            who = format_html(
                '<span class="post-author">{}</span> <span class="post-handle">@{}</span>',
                author.name,
                author.handle,
            )
        else:
            who = format_html('<span class="post-author">{}</span>', t["deleted_participant"])
        if post.stance:
            who = format_html(
                '{} <span class="badge stance-badge stance-{}">{}</span>',
                who,
                post.stance,
                post.get_stance_display(),
            )
    edited = EMPTY
    if post.edited_at and not post.is_deleted:
        edited = format_html(
            ' <span class="post-edited">{} {}</span>', t["edited"], _time(post.edited_at, ctx)
        )
    return format_html(
        '<header class="post-header"><span class="visually-hidden" id="post-{n}-label">{label}</span>{who}'
        ' <a class="post-time" href="{url}"><span class="visually-hidden">{link} </span>{time}</a>'
        "{edited}</header>",
        n=n,
        label=label,
        who=who,
        url=f"{ctx.thread_url}?post={n}{'&order=newest' if ctx.order == 'newest' else ''}#post-{n}",
        link=t["link"] % {"number": n},
        time=_time(post.created, ctx),
        edited=edited,
    )


def _body(post, ctx: PostContext, allowed: frozenset) -> SafeString:
    """The text, for those who may read it: a hidden post's only for its author and the moderators."""
    t = ctx.labels
    if post.is_deleted:
        return format_html('<p class="post-placeholder">{}</p>', t["deleted"])
    # body_html was sanitised with nh3 when the post was saved: the one value trusted as it is.
    body = format_html('<div class="post-body">{}</div>', mark_safe(post.body_html))
    if not post.is_hidden:
        return body
    if "deliberation.read_hidden_post" not in allowed:
        return format_html('<p class="post-placeholder">{}</p>', t["hidden"])
    mine = post.author_id is not None and post.author_id == getattr(ctx.permissions.user, "pk", None)
    moderator = "deliberation.moderate_post" in allowed or not mine
    return format_html(
        '<p class="post-hidden-note"><strong>{}</strong> {} {}</p>{}',
        t["hidden"],
        t["reason"] % {"reason": post.hidden_reason},
        t["hidden_others"] if moderator else t["hidden_you"],
        body,
    )


def _history(post, ctx: PostContext) -> SafeString:
    versions = getattr(post, "earlier_versions", None)
    if not versions:
        return EMPTY
    summary = ngettext("%(counter)s earlier version", "%(counter)s earlier versions", len(versions)) % {
        "counter": len(versions)
    }
    items = format_html_join(
        "",
        '<li class="post-revision"><p class="small text-body-secondary mb-1">{} {}</p>'
        '<div class="revision-body">{}</div></li>',
        ((ctx.labels["replaced"], _time(r.created, ctx), _lines(r.body)) for r in versions),
    )
    return format_html(
        '<details class="post-history"><summary>{}</summary><ol class="list-unstyled">{}</ol></details>',
        summary,
        items,
    )


def _lines(text: str) -> SafeString:
    """Plain text with its line breaks kept, escaped."""
    return format_html_join(
        mark_safe("<br>"), "{}", ((line,) for line in text.replace("\r\n", "\n").split("\n"))
    )


def _actions(post, ctx: PostContext, allowed: frozenset) -> SafeString:
    if post.is_deleted:
        return EMPTY
    t, n = ctx.labels, _n(post)
    post_label = t["post"] % {"number": n}
    actions = [_endorse(post, ctx, allowed)]
    if "deliberation.reply_to_post" in allowed:
        actions.append(_panel_link(ctx, post, "reply", t["reply"], t["to_post"] % {"number": n}))
    if "deliberation.change_post" in allowed:
        actions.append(_panel_link(ctx, post, "edit", t["edit"], post_label))
    if "deliberation.delete_post" in allowed:
        actions.append(_panel_link(ctx, post, "delete", t["delete"], post_label))
    if "deliberation.flag_post" in allowed:
        actions.append(_panel_link(ctx, post, "flag", t["flag"], post_label, css="btn btn-sm btn-link"))
    if "deliberation.moderate_post" in allowed:
        if post.is_hidden:
            url = f"{ctx.thread_url}posts/{n}/unhide/"
            actions.append(
                format_html(
                    '<form method="post" action="{url}" hx-post="{url}" hx-target="#post-{n}" '
                    'hx-swap="outerHTML" class="d-inline">{csrf}<input type="hidden" name="order" '
                    'value="{order}"><button type="submit" class="btn btn-sm btn-outline-secondary">{text}'
                    '<span class="visually-hidden"> {label}</span></button></form>',
                    url=url,
                    n=n,
                    csrf=ctx.csrf_input(),
                    order=ctx.order,
                    text=t["unhide"],
                    label=post_label,
                )
            )
        else:
            actions.append(
                _panel_link(ctx, post, "hide", t["hide"], post_label, css="btn btn-sm btn-outline-danger")
            )
    return format_html(
        '<footer class="post-actions">{}</footer><div id="post-{}-panel" class="post-panel"></div>',
        format_html_join("", "{}", ((a,) for a in actions)),
        n,
    )


def _article(post, ctx: PostContext) -> SafeString:
    allowed = ctx.permissions.of(post)
    classes = (
        "post" + (" post-hidden" if post.is_hidden else "") + (" post-deleted" if post.is_deleted else "")
    )
    return format_html(
        '<article id="post-{n}" class="{classes}" tabindex="-1" aria-labelledby="post-{n}-label">'
        "{header}{body}{history}{actions}</article>",
        n=_n(post),
        classes=classes,
        header=_header(post, ctx),
        body=_body(post, ctx, allowed),
        history=_history(post, ctx) if not post.is_deleted else EMPTY,
        actions=_actions(post, ctx, allowed),
    )


def post_article(post, ctx: PostContext) -> SafeString:
    return _article(post, ctx)


def post_tree(post, ctx: PostContext) -> SafeString:
    """A post and, nested under it, its replies (two levels at most)."""
    children = getattr(post, "children", None)
    replies = EMPTY
    if children:
        replies = format_html(
            '<ol class="list-unstyled post-replies">{}</ol>',
            format_html_join("", "{}", ((post_tree(child, ctx),) for child in children)),
        )
    return format_html(
        '<li class="post-item post-depth-{}">{}{}</li>', post.depth, _article(post, ctx), replies
    )
