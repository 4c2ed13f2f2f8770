"""What a browser makes of a page, for the tests that render pages in Danish: the data a form posts when
it is submitted unchanged (a date, time or datetime-local input drops a value that is not in its machine
format, as Chromium does, so a page that writes ``02.12.2026`` into one posts it empty), and the numbers
written into attributes that machines read (SVG coordinates, CSS, ``data-*``, ids, links)."""

import re
from html import unescape
from html.parser import HTMLParser

MACHINE_VALUE = {
    "date": re.compile(r"^\d{4}-\d{2}-\d{2}$"),
    "time": re.compile(r"^\d{2}:\d{2}(:\d{2}(\.\d+)?)?$"),
    "datetime-local": re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$"),
}
NOT_POSTED = {"submit", "button", "reset", "image", "file"}


class _FormReader(HTMLParser):
    def __init__(self, action: str):
        super().__init__(convert_charrefs=True)
        self.action = action
        self.inside = False
        self.found = False
        self.data: list[tuple[str, str]] = []
        self.date_inputs: dict[str, str] = {}  # name → the value written into the page
        self._select: dict | None = None
        self._option: dict | None = None
        self._textarea: dict | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and attrs.get("action") == self.action:
            self.inside = self.found = True
        if not self.inside or attrs.get("disabled") is not None:
            return
        name = attrs.get("name")
        if tag == "input" and name:
            kind = (attrs.get("type") or "text").lower()
            value = attrs.get("value") or ""
            if kind in NOT_POSTED:
                return
            if kind in ("checkbox", "radio"):
                if "checked" in attrs:
                    self.data.append((name, attrs.get("value") or "on"))
                return
            if kind in MACHINE_VALUE:
                self.date_inputs[name] = value
                if not MACHINE_VALUE[kind].match(value):
                    value = ""  # the browser's value sanitisation
            self.data.append((name, value))
        elif tag == "select" and name:
            self._select = {"name": name, "options": [], "selected": []}
        elif tag == "option" and self._select is not None:
            self._option = {"value": attrs.get("value"), "text": ""}
            self._select["options"].append(self._option)
            if "selected" in attrs:
                self._select["selected"].append(self._option)
        elif tag == "textarea" and name:
            self._textarea = {"name": name, "text": ""}

    def handle_data(self, data):
        if self._option is not None:
            self._option["text"] += data
        if self._textarea is not None:
            self._textarea["text"] += data

    def handle_endtag(self, tag):
        if tag == "form" and self.inside:
            self.inside = False
        elif tag == "option":
            self._option = None
        elif tag == "select" and self._select is not None:
            chosen = self._select["selected"] or self._select["options"][:1]
            for option in chosen:
                value = option["value"] if option["value"] is not None else option["text"].strip()
                self.data.append((self._select["name"], value))
            self._select = None
        elif tag == "textarea" and self._textarea is not None:
            self.data.append((self._textarea["name"], self._textarea["text"].removeprefix("\n")))
            self._textarea = None


def read_form(page: str, action: str) -> _FormReader:
    reader = _FormReader(action)
    reader.feed(page)
    assert reader.found, f"no form posts to {action}"
    return reader


def posted_unchanged(page: str, action: str) -> dict[str, list[str]]:
    """What the form posting to ``action`` sends when its submit button is pressed without changing
    anything, for Django's test client."""
    data: dict[str, list[str]] = {}
    for name, value in read_form(page, action).data:
        data.setdefault(name, []).append(value)
    return data


# --- Numbers in attributes ------------------------------------------------------------------------------------

_TAG = re.compile(r"<([a-zA-Z][\w-]*)((?:\s+[\w:.-]+(?:\s*=\s*\"[^\"]*\")?)*)\s*/?>")
_ATTRIBUTE = re.compile(r"([\w:.-]+)\s*=\s*\"([^\"]*)\"")
HUMAN_TEXT = {"aria-label", "title", "alt", "placeholder", "content", "aria-valuetext"}
DECIMAL_COMMA = re.compile(r"\d,\d")
GROUPED = re.compile(r"(?<![\d.])\d{1,3}(?:[.,\u00a0]\d{3})+(?![\d])")
SVG_POINT = re.compile(r"^-?\d+(\.\d+)?,-?\d+(\.\d+)?$")


def localised_numbers(page: str) -> list[str]:
    """Every attribute a machine reads whose number is written the way a language writes numbers
    (``4,0``; ``1.234``), as ``tag attribute="value"``; human text (labels, titles) is left out."""
    found = []
    for tag, attributes in _TAG.findall(page):
        for name, raw in _ATTRIBUTE.findall(attributes):
            value = unescape(raw)
            if name in HUMAN_TEXT or name in ("datetime",) or tag == "meta":
                continue
            if name == "points":
                bad = not all(SVG_POINT.match(pair) for pair in value.split())
            else:
                bad = bool(DECIMAL_COMMA.search(value) or GROUPED.search(value))
            if bad:
                found.append(f'{tag} {name}="{value}"')
    return found
