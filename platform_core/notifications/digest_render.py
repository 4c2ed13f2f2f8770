"""The digest email's body written out in Python, for batches: the same bytes as the templates
``notifications/email/digest_subject.txt``, ``digest.txt`` and ``digest.html`` (which stay the reference:
``render_digest_email`` renders them, and a test holds the two equal in English and Danish), at a tenth of
the template engine's cost per digest — at a thousand digests a second, the engine's per-node work was
most of the time.

The HTML frame (``base.html``: head, banner, footer) is the template's own, rendered once per language
and address with markers where the content and the unsubscribe link go. Values are escaped as the
templates escape them (``conditional_escape``); the texts are the templates' own messages.
"""

from dataclasses import dataclass
from functools import lru_cache

from django.template import engines
from django.utils.html import conditional_escape as esc
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

CONTENT = "digestcontentmarker"
UNSUBSCRIBE = "digestunsubscribemarker"
FRAME = '{% extends "notifications/email/base.html" %}{% block content %}' + CONTENT + "{% endblock %}"


@dataclass(frozen=True)
class Frame:
    """What every digest in one language and to one address shares."""

    head: str  # the HTML up to the content
    foot: tuple[str, str]  # the HTML after the content, around the unsubscribe link
    see_all: str
    footer_text: str


@lru_cache(maxsize=32)
def _frame(language: str, site_url: str, site_name: str, settings_url: str, notifications_url: str) -> Frame:
    context = {
        "site_url": site_url,
        "site_name": site_name,
        "settings_url": settings_url,
        "unsubscribe_url": UNSUBSCRIBE,
        "unsubscribe_label": _("Stop the digest"),
    }
    html = engines["django"].from_string(FRAME).render(context)
    head, foot = html.split(CONTENT)
    before, after = foot.split(UNSUBSCRIBE)
    footer = _("You get this email from %(site_name)s because of your notification settings.")
    return Frame(
        head=head,
        foot=(before, after),
        see_all=_("See all your notifications"),
        footer_text=(
            f"{_('All your notifications:')} {notifications_url}\n\n-- \n"
            f"{footer % {'site_name': site_name}}\n{_('Change them:')} {settings_url}\n"
        ),
    )


def _summary(total: int) -> str:
    return ngettext(
        "Here is what happened since your last digest: %(counter)s new notification.",
        "Here is what happened since your last digest: %(counter)s new notifications.",
        total,
    ) % {"counter": total}


def _more(more: int) -> str:
    return ngettext("and %(counter)s more", "and %(counter)s more", more) % {"counter": more}


def digest_subject(digest: dict) -> str:
    total = digest["total"]
    return ngettext(
        "Your digest: %(counter)s new notification", "Your digest: %(counter)s new notifications", total
    ) % {"counter": total}


def digest_text(context: dict) -> str:
    digest, site_url = context["digest"], context["site_url"]
    out = [
        _("Hello %(name)s,") % {"name": context["recipient"].name},
        "\n\n",
        _summary(digest["total"]),
        "\n",
    ]
    for group in digest["groups"]:
        out.append(f"\n== {group['label']} ==\n")
        for sub in group["subgroups"]:
            out.append(f"\n* {sub['label']}")
            if sub["count"] > 1:
                out.append(f" ({sub['count']})")
            for item in sub["items"]:
                out.append("\n  - ")
                if sub["by_event"]:
                    if item.actor_name:
                        out.append(f"{item.actor_name}: ")
                    out.append(item.target_title)
                else:
                    if item.actor_name:
                        out.append(f"{item.actor_name} ")
                    out.append(item.verb_display)
                    if item.target_title != sub["label"]:
                        out.append(f" — {item.target_title}")
                if item.url:
                    out.append(f" <{site_url}{item.url}>")
                if item.quote:
                    out.append(f"\n    > {item.quote}")
            if sub["more"]:
                out.append(f"\n  - {_more(sub['more'])}")
            out.append("\n")
    for section in digest["sections"]:
        out.append(f"\n== {section['title']} ==\n")
        for item in section["items"]:
            url = item.get("url")
            out.append(f"* {item['text']} <{site_url}{url}>\n" if url else f"* {item['text']}\n")
    frame = _frame_of(context)
    out.append(f"\n{frame.footer_text}{context['unsubscribe_label']}: {context['unsubscribe_url']}\n\n")
    return "".join(str(part) for part in out)


def _frame_of(context: dict) -> Frame:
    return _frame(
        get_language(),
        context["site_url"],
        context["site_name"],
        context["settings_url"],
        context["notifications_url"],
    )


def digest_html(context: dict) -> str:
    digest, site = context["digest"], esc(context["site_url"])
    frame = _frame_of(context)
    out = [
        frame.head,
        '\n<p style="margin:0 0 16px;">',
        _("Hello %(name)s,") % {"name": esc(context["recipient"].name)},
        '</p>\n<p style="margin:0 0 16px;">',
        _summary(digest["total"]),
        "</p>\n",
    ]
    for group in digest["groups"]:
        out.append(
            '\n<h2 style="margin:24px 0 8px;font-size:18px;border-bottom:2px solid #0b5394;padding-bottom:4px;"'
            f' dir="auto">{esc(group["label"])}</h2>\n'
        )
        for sub in group["subgroups"]:
            label = sub["label"]
            count = f" ({sub['count']})" if sub["count"] > 1 else ""
            out.append(
                f'\n<h3 style="margin:12px 0 4px;font-size:16px;" dir="auto">{esc(label)}{count}</h3>\n'
                '<ul style="margin:0 0 8px;padding-left:20px;">\n'
            )
            for item in sub["items"]:
                out.append('<li style="margin:0 0 8px;">')
                title = item.target_title
                if sub["by_event"]:
                    if item.actor_name:
                        out.append(f"<bdi>{esc(item.actor_name)}</bdi>: ")
                    if item.url:
                        out.append(
                            f'<a href="{site}{esc(item.url)}" style="color:#0b5394;" dir="auto">'
                            f"{esc(title or _('open'))}</a>"
                        )
                    else:
                        out.append(f'<span dir="auto">{esc(title)}</span>')
                else:
                    if item.url:
                        out.append(f'<a href="{site}{esc(item.url)}" style="color:#0b5394;">')
                    if item.actor_name:
                        out.append(f"<bdi>{esc(item.actor_name)}</bdi> ")
                    out.append(esc(item.verb_display))
                    if item.url:
                        out.append("</a>")
                    if title != label:
                        out.append(f' — <span dir="auto">{esc(title)}</span>')
                if item.quote:
                    out.append(
                        '\n<blockquote style="margin:4px 0 0;padding:4px 0 4px 12px;border-left:3px solid'
                        f' #c9d1d9;color:#30363d;" dir="auto">{esc(item.quote)}</blockquote>'
                    )
                out.append("</li>")
            out.append("\n")
            if sub["more"]:
                out.append(f'<li style="margin:0 0 4px;color:#4a5560;">{_more(sub["more"])}</li>')
            out.append("\n</ul>\n")
        out.append("\n")
    out.append("\n")
    for section in digest["sections"]:
        out.append(
            '\n<h2 style="margin:24px 0 8px;font-size:18px;border-bottom:2px solid #ffbf47;padding-bottom:4px;"'
            f' dir="auto">{esc(section["title"])}</h2>\n<ul style="margin:0 0 8px;padding-left:20px;">\n'
        )
        for item in section["items"]:
            text = esc(item["text"])
            if item.get("url"):
                text = f'<a href="{site}{esc(item["url"])}" style="color:#0b5394;">{text}</a>'
            out.append(f'<li style="margin:0 0 4px;">{text}</li>')
        out.append("\n</ul>\n")
    out.append(
        f'\n<p style="margin:24px 0 0;"><a href="{esc(context["notifications_url"])}" style="display:inline-block;'
        "background:#0b5394;color:#ffffff;padding:10px 18px;text-decoration:none;font-weight:bold;"
        f'">{esc(frame.see_all)}</a></p>\n'
    )
    before, after = frame.foot
    out += [before, esc(context["unsubscribe_url"]), after]
    return "".join(str(part) for part in out)
