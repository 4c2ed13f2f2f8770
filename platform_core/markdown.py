"""User Markdown → safe HTML: rendered once on save and stored; sanitised with nh3 on an allow-list.

Raw HTML typed by users is shown as text (Markdown's raw-HTML handling is switched off, so it is escaped
like any other text), and whatever Markdown produces is cleaned again:
no script, style or iframe, no event handlers, no ``javascript:``/``data:`` URLs; links get
``rel="nofollow ugc noopener"``.
"""

import markdown
import nh3

ALLOWED_TAGS = {
    "p",
    "br",
    "hr",
    "strong",
    "em",
    "b",
    "i",
    "code",
    "pre",
    "blockquote",
    "ul",
    "ol",
    "li",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "a",
    "del",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "th": {"align"}, "td": {"align"}, "ol": {"start"}}
URL_SCHEMES = {"http", "https", "mailto"}
EXTENSIONS = ["fenced_code", "tables", "sane_lists", "nl2br"]


def _markdown() -> markdown.Markdown:
    """Markdown that treats raw HTML as text: Python-Markdown escapes it like any other text (code spans
    and blocks included), instead of passing it through."""
    md = markdown.Markdown(extensions=EXTENSIONS, output_format="html")
    md.preprocessors.deregister("html_block")
    md.inlinePatterns.deregister("html")
    return md


def render_markdown(text: str) -> str:
    """Markdown to sanitised HTML. Headings start at h2: the page owns h1."""
    if not text:
        return ""
    rendered = _markdown().convert(text)
    rendered = rendered.replace("<h1>", "<h2>").replace("</h1>", "</h2>")
    return sanitise_html(rendered)


def sanitise_html(fragment: str) -> str:
    return nh3.clean(
        fragment,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="nofollow ugc noopener",
        clean_content_tags={"script", "style"},
        strip_comments=True,
    )
