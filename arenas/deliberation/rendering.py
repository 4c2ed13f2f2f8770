"""The post list, rendered in Python, safe by construction.

A page shows 50 posts and their replies. Through nested Django templates each cost about 0.6 ms (includes,
translation tags, URL reversing, localisation), which made a full page of a long thread 2–3× slower than a
10-post thread. Here the same markup is built with ``format_html``: every value is escaped unless it is
already safe markup, and the post's HTML — sanitised with nh3 when it was saved — is the one value trusted
as it is. It stays cheap by calling ``format_html`` a handful of times a post (one template per element,
with a slot for each optional part), translating the labels once per page, deriving every URL from one
``reverse`` of the thread per page, and asking the policy once per state of post
(``rules.PostPermissions``). The templates ``_post.html``, ``_post_article.html`` and ``_endorse.html`` call
these functions: one source for the markup.
"""

from dataclasses import dataclass, field

from django.utils import formats, timezone
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .post_times import PageTimes
from .rules import PostPermissions

EMPTY = mark_safe("")

ARTICLE = (
    '<article id="post-{n}" class="{classes}" tabindex="-1" aria-labelledby="post-{n}-label">'
    '<header class="post-header"><span class="visually-hidden" id="post-{n}-label">{label}</span>{who}'
    ' <a class="post-time" href="{link_url}"><span class="visually-hidden">{link} </span>'
    '<time datetime="{iso}" title="{exact}">{relative}</time></a>'
    "{edited}</header>{body}{history}{actions}</article>"
)
TREE_ITEM = '<li class="post-item post-depth-{depth}">' + ARTICLE + "{replies}{more}</li>"
MORE_REPLIES = (
    '<p class="more-replies"><a href="{url}">{text}<span class="visually-hidden"> {hidden}</span></a></p>'
)
AUTHOR = '<bdi class="post-author">{}</bdi> <span class="post-handle">@{}</span>{}'
NO_AUTHOR = '<span class="post-author">{}</span>{}'
STANCE = ' <span class="badge stance-badge stance-{}">{}</span>'
TIME = '<time datetime="{}" title="{}">{}</time>'
EDITED = ' <span class="post-edited">{} {}</span>'
BODY = '<div class="post-body" dir="auto">{}</div>'
PLACEHOLDER = '<p class="post-placeholder">{}</p>'
HIDDEN_BODY = (
    '<p class="post-hidden-note"><strong>{}</strong> {} {}</p><div class="post-body" dir="auto">{}</div>'
)
ACTIONS = (
    '<footer class="post-actions">{endorse}{reply}{edit}{delete}{flag}{moderate}</footer>'
    '<div id="post-{n}-panel" class="post-panel"></div>'
)
PANEL_LINK = (
    '<a class="{css}" href="{url}" hx-get="{url}" hx-target="#post-{n}-panel" hx-swap="innerHTML" '
    'data-opens-panel="post-{n}-panel">{text}<span class="visually-hidden"> {hidden}</span></a>'
)
UNHIDE = (
    '<form method="post" action="{url}" hx-post="{url}" hx-target="#post-{n}" hx-swap="outerHTML" '
    'class="d-inline">{csrf}<input type="hidden" name="order" value="{order}"><button type="submit" '
    'class="btn btn-sm btn-outline-secondary">{text}<span class="visually-hidden"> {label}</span></button></form>'
)
ENDORSE = (
    '<form method="post" action="{url}" hx-post="{url}" hx-swap="outerHTML" class="endorse-form">{csrf}'
    '<button type="submit" id="endorse-{n}" class="btn btn-sm endorse-button {css}" aria-pressed="{pressed}">'
    '{label} <span class="endorse-count" aria-hidden="true">{count}</span>'
    '<span class="visually-hidden">{spoken}</span></button></form>'
)
ENDORSE_TOTAL = '<span class="endorse-total">{}</span>'
HISTORY = '<details class="post-history"><summary>{}</summary><ol class="list-unstyled">{}</ol></details>'
REVISION = (
    '<li class="post-revision"><p class="small text-body-secondary mb-1">{} {}</p>'
    '<div class="revision-body" dir="auto">{}</div></li>'
)
REPLIES = '<ol class="list-unstyled post-replies">{}</ol>'

# Fixed attribute values, escaped once here rather than once a post (Django's escape costs about a
# microsecond a value, and a post has dozens).
CLASSES = {
    (False, False): conditional_escape("post"),
    (True, False): conditional_escape("post post-hidden"),
    (False, True): conditional_escape("post post-deleted"),
    (True, True): conditional_escape("post post-hidden post-deleted"),
}
PRESSED = {
    True: (conditional_escape("btn-primary"), conditional_escape("true")),
    False: (conditional_escape("btn-outline-primary"), conditional_escape("false")),
}
LINK_CSS = conditional_escape("btn btn-sm btn-outline-secondary")
FLAG_CSS = conditional_escape("btn btn-sm btn-link")
HIDE_CSS = conditional_escape("btn btn-sm btn-outline-danger")
DEPTHS = {depth: conditional_escape(depth) for depth in range(3)}


@dataclass(frozen=True)
class PostContext:
    thread_url: str
    order: str
    permissions: PostPermissions
    endorsed: frozenset
    csrf_token: str
    labels: dict = field(default_factory=dict, compare=False)

    def csrf_input(self) -> SafeString:
        if "_csrf_input" not in self.labels:
            self.labels["_csrf_input"] = format_html(
                '<input type="hidden" name="csrfmiddlewaretoken" value="{}">', self.csrf_token
            )
        return self.labels["_csrf_input"]


def labels() -> dict:
    """Every fixed text of a post, translated once per page, and the page's times."""
    return {
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
        "times": PageTimes(formats.get_format("DATETIME_FORMAT")),
    }


def _time(when, ctx: PostContext) -> SafeString:
    """Relative, with the exact date and time on hover, in the viewer's time zone and language."""
    local = timezone.localtime(when) if timezone.is_aware(when) else when
    times = ctx.labels["times"]
    return format_html(TIME, local.isoformat(), times.exact(local), times.relative(when))


def _number(post) -> SafeString:
    """The post's number, escaped once: its markup uses it a dozen times."""
    if "_number_html" not in post.__dict__:
        post.__dict__["_number_html"] = conditional_escape(post.number)
    return post.__dict__["_number_html"]


class Slot(SafeString):
    """A placeholder a page's markup leaves for each post (``{n}``, or an URL of the page with ``{n}`` in
    it): our own fixed text, kept as it is by the first stage of ``_slotted``."""


def _slotted(template: str, **values) -> str:
    """``template`` filled in with what is the same for every post of a page, leaving each ``Slot`` for
    what differs: the result is the format string of a second ``format_html``, once per post. Text has its
    braces doubled, so that the second stage reads them as text, and is escaped by ``format_html`` as
    always; fixed markup (safe already) has no braces to double."""
    fixed = {}
    for name, value in values.items():
        if isinstance(value, SafeString):
            if not isinstance(value, Slot) and ("{" in value or "}" in value):
                raise ValueError(f"Markup with braces cannot fill {name!r} of a slotted template")
            fixed[name] = value
        else:
            fixed[name] = str(value).replace("{", "{{").replace("}", "}}")
    return format_html(template, **fixed)


def _endorse_variant(post, ctx: PostContext, allowed: frozenset) -> str:
    if "deliberation.endorse_post" in allowed:
        return "pressed" if post.pk in ctx.endorsed else "button"
    return "total" if post.endorsement_count and not post.is_deleted else ""


def _endorse_template(ctx: PostContext, variant: str) -> str:
    """The endorse button (or count) with slots ``{n}``, ``{count}``, ``{spoken}``, ``{total}``."""
    if not variant:
        return ""
    if variant == "total":
        return format_html(ENDORSE_TOTAL, Slot("{total}"))
    css, pressed = PRESSED[variant == "pressed"]
    return _slotted(
        ENDORSE,
        url=Slot(f"{ctx.thread_url}posts/{{n}}/endorse/"),
        csrf=ctx.csrf_input(),
        n=Slot("{n}"),
        css=css,
        pressed=pressed,
        label=ctx.labels["endorse"],
        count=Slot("{count}"),
        spoken=Slot("{spoken}"),
    )


def _endorse_labels(post, ctx: PostContext) -> dict:
    """What the endorse button or count says of this post."""
    count, memo = post.endorsement_count, ctx.labels.setdefault("_endorsement_labels", {})
    if count not in memo:
        memo[count] = (
            ngettext(
                "post %(number)s, %(counter)s endorsement", "post %(number)s, %(counter)s endorsements", count
            ),
            ngettext("%(counter)s endorsement", "%(counter)s endorsements", count),
        )
    spoken, total = memo[count]
    return {
        "count": count,
        "spoken": spoken % {"number": post.number, "counter": count},
        "total": total % {"counter": count},
    }


def endorse_button(post, ctx: PostContext) -> SafeString:
    """The endorse button alone (what HTMX swaps after a click), or the count for those who cannot."""
    template = _endorse_template(ctx, _endorse_variant(post, ctx, ctx.permissions.of(post)))
    if not template:
        return EMPTY
    return format_html(template, n=_number(post), **_endorse_labels(post, ctx))


def _footer_template(ctx: PostContext, allowed: frozenset, hidden: bool, endorse: str) -> str:
    """A post's footer — the endorse button and the actions the viewer may take — for posts in one state,
    with slots ``{n}``, ``{label}``, ``{to_post}``, ``{count}``, ``{spoken}``, ``{total}``: made once per
    state and page, so that each post costs one ``format_html``."""
    key = (allowed, hidden, endorse)
    memo = ctx.labels.setdefault("_footers", {})
    if key in memo:
        return memo[key]
    t = ctx.labels

    def link(action, text, hidden_label, css=LINK_CSS):
        return _slotted(
            PANEL_LINK,
            css=css,
            url=Slot(f"{ctx.thread_url}posts/{{n}}/{action}/"),
            n=Slot("{n}"),
            text=text,
            hidden=Slot(hidden_label),
        )

    slots = dict.fromkeys(("reply", "edit", "delete", "flag", "moderate"), EMPTY)
    if "deliberation.reply_to_post" in allowed:
        slots["reply"] = link("reply", t["reply"], "{to_post}")
    if "deliberation.change_post" in allowed:
        slots["edit"] = link("edit", t["edit"], "{label}")
    if "deliberation.delete_post" in allowed:
        slots["delete"] = link("delete", t["delete"], "{label}")
    if "deliberation.flag_post" in allowed:
        slots["flag"] = link("flag", t["flag"], "{label}", css=FLAG_CSS)
    if "deliberation.moderate_post" in allowed:
        slots["moderate"] = (
            _slotted(
                UNHIDE,
                url=Slot(f"{ctx.thread_url}posts/{{n}}/unhide/"),
                n=Slot("{n}"),
                csrf=ctx.csrf_input(),
                order=ctx.order,
                text=t["unhide"],
                label=Slot("{label}"),
            )
            if hidden
            else link("hide", t["hide"], "{label}", css=HIDE_CSS)
        )
    endorse_markup = _endorse_template(ctx, endorse)
    # The pieces are format strings already: joined as they are, then read once more by format_html.
    memo[key] = format_html(
        ACTIONS, endorse=Slot(endorse_markup), n=Slot("{n}"), **{k: Slot(v) for k, v in slots.items()}
    )
    return memo[key]


def _actions(post, ctx: PostContext, allowed: frozenset) -> SafeString:
    if post.is_deleted:
        return EMPTY
    t, n = ctx.labels, post.number
    template = _footer_template(ctx, allowed, post.is_hidden, _endorse_variant(post, ctx, allowed))
    return format_html(
        template,
        n=_number(post),
        label=t["post"] % {"number": n},
        to_post=t["to_post"] % {"number": n},
        **_endorse_labels(post, ctx),
    )


def _who(post, ctx: PostContext) -> SafeString:
    if post.is_deleted:
        return EMPTY
    stance = format_html(STANCE, post.stance, post.get_stance_display()) if post.stance else EMPTY
    if post.author and post.author.deleted_at is None:
        return format_html(AUTHOR, post.author.name, post.author.handle, stance)
    return format_html(NO_AUTHOR, ctx.labels["deleted_participant"], stance)


def _body(post, ctx: PostContext, allowed: frozenset) -> SafeString:
    """The text, for those who may read it: a hidden post's only for its author and the moderators."""
    t = ctx.labels
    if post.is_deleted:
        return format_html(PLACEHOLDER, t["deleted"])
    # body_html was sanitised with nh3 when the post was saved: the one value trusted as it is.
    body = mark_safe(post.body_html)
    if not post.is_hidden:
        return format_html(BODY, body)
    if "deliberation.read_hidden_post" not in allowed:
        return format_html(PLACEHOLDER, t["hidden"])
    mine = post.author_id is not None and post.author_id == getattr(ctx.permissions.user, "pk", None)
    moderator = "deliberation.moderate_post" in allowed or not mine
    return format_html(
        HIDDEN_BODY,
        t["hidden"],
        t["reason"] % {"reason": post.hidden_reason},
        t["hidden_others"] if moderator else t["hidden_you"],
        body,
    )


def _history(post, ctx: PostContext) -> SafeString:
    versions = getattr(post, "earlier_versions", None)
    if not versions or post.is_deleted:
        return EMPTY
    summary = ngettext("%(counter)s earlier version", "%(counter)s earlier versions", len(versions)) % {
        "counter": len(versions)
    }
    items = [
        format_html(REVISION, ctx.labels["replaced"], _time(revision.created, ctx), _lines(revision.body))
        for revision in versions
    ]
    return format_html(HISTORY, summary, _joined(items))


def _lines(text: str) -> SafeString:
    """Plain text with its line breaks kept, escaped."""
    return _joined(text.replace("\r\n", "\n").split("\n"), separator="<br>")


def _joined(parts: list, separator: str = "") -> SafeString:
    """The parts one after the other (each escaped unless already safe), ``separator`` — fixed markup —
    between them."""
    if not parts:
        return EMPTY
    return format_html(separator.join(["{}"] * len(parts)), *parts)


def _label(post, ctx: PostContext) -> str:
    t, n = ctx.labels, post.number
    if post.is_deleted:
        return t["deleted_label"] % {"number": n}
    if post.author:
        return t["by"] % {"number": n, "name": post.author.name}
    return t["by_deleted"] % {"number": n}


def _article(post, ctx: PostContext) -> dict:
    """What ``ARTICLE`` is filled in with."""
    allowed = ctx.permissions.of(post)
    n = _number(post)
    newest = "&order=newest" if ctx.order == "newest" else ""
    local = timezone.localtime(post.created) if timezone.is_aware(post.created) else post.created
    times = ctx.labels["times"]
    return {
        "n": n,
        "classes": CLASSES[(post.is_hidden, post.is_deleted)],
        "label": _label(post, ctx),
        "who": _who(post, ctx),
        "link_url": f"{ctx.thread_url}?post={n}{newest}#post-{n}",
        "link": ctx.labels["link"] % {"number": n},
        "iso": local.isoformat(),
        "exact": times.exact(local),
        "relative": times.relative(post.created),
        "edited": format_html(EDITED, ctx.labels["edited"], _time(post.edited_at, ctx))
        if post.edited_at and not post.is_deleted
        else EMPTY,
        "body": _body(post, ctx, allowed),
        "history": _history(post, ctx),
        "actions": _actions(post, ctx, allowed),
    }


def post_article(post, ctx: PostContext) -> SafeString:
    return format_html(ARTICLE, **_article(post, ctx))


def _more_replies(post, ctx: PostContext) -> SafeString:
    """ "15 more replies" under a top-level post whose page shows only its first replies: a plain link to
    the first reply not shown (``?post=``), whose page shows them all."""
    count = getattr(post, "more_replies", 0)
    if not count:
        return EMPTY
    first = post.more_from
    newest = "&order=newest" if ctx.order == "newest" else ""
    text = ngettext("%(counter)s more reply", "%(counter)s more replies", count) % {"counter": count}
    return format_html(
        MORE_REPLIES,
        url=f"{ctx.thread_url}?post={first}{newest}#post-{first}",
        text=text,
        hidden=ctx.labels["to_post"] % {"number": post.number},
    )


def post_tree(post, ctx: PostContext) -> SafeString:
    """A post and, nested under it, its replies (two levels at most), and "N more replies" when the page
    shows only the first of them."""
    children = getattr(post, "children", None)
    replies = format_html(REPLIES, _joined([post_tree(c, ctx) for c in children])) if children else EMPTY
    return format_html(
        TREE_ITEM,
        depth=DEPTHS.get(post.depth, post.depth),
        replies=replies,
        more=_more_replies(post, ctx),
        **_article(post, ctx),
    )
