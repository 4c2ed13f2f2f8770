"""Accessible bar charts drawn on the server as SVG, with no JavaScript: horizontal bars for categories
(one or more series per category, an optional target mark) and vertical columns for weekly series.

A chart is geometry plus words: every coordinate is a string with a dot made here (``svg_number``), so no
language's number format reaches an SVG attribute; every label a person reads (values, categories, dates)
is already formatted for the active language by the caller. Each bar carries its value as text (and its
series' name when there are several), so nothing is told by colour alone. ``templates/outcomes/charts/``
draws a ``Chart`` as a ``<figure>`` with its title, the SVG (``<title>``, ``<desc>``), the summary sentence
and the table of figures."""

from dataclasses import dataclass, field

from django.utils.formats import number_format
from django.utils.translation import gettext as _

WIDTH = 320  # the viewBox; at 375-390 px wide a 12-unit font draws at about 14 px
FONT_SIZE = 12
SMALL_FONT = 10

# Horizontal bars: the category's label on its own line, then one bar per series under it, the value
# written after the bar's end (room kept for "12 (target 20)").
BAR_MAX = 190
BAR_HEIGHT = 16
BAR_GAP = 4
LABEL_HEIGHT = 16
ROW_GAP = 12
TEXT_GAP = 4
LONGEST_LABEL = 48  # characters that fit across the chart; the table beside it has the whole text

# Columns: twelve slots across, the value above each column, every third week's date under the axis.
COLUMN_HEIGHT = 190
PLOT_TOP, PLOT_BOTTOM = 22, 160
COLUMN_WIDTH_SHARE = 0.7
DATE_EVERY = 3

SERIES_CLASSES = ["chart-series-1", "chart-series-2", "chart-series-3", "chart-series-4"]


def svg_number(value) -> str:
    """``4.0``, ``-12.5``: one decimal, a dot, no grouping, whatever the active language."""
    return f"{float(value):.1f}"


def human_number(value, decimals: int = 0) -> str:
    """A number as the viewer's language writes it (Danish ``1.234`` and ``4,5``)."""
    return number_format(value, decimal_pos=decimals, use_l10n=True, force_grouping=True)


def human_share(share: float | None) -> str:
    """A 0..1 share as a percentage in the viewer's language (``12.5%``; Danish ``12,5 %``)."""
    if share is None:
        return "–"
    decimals = 0 if round(share * 100, 1) == round(share * 100) else 1
    # Translators: a percentage; Danish writes a space before the sign ("12,5 %").
    return _("%(number)s%%") % {"number": human_number(share * 100, decimals)}


@dataclass
class Series:
    name: str  # shown on each bar when the chart has more than one series, and in the table's header
    css: str = SERIES_CLASSES[0]


@dataclass
class Row:
    """One category: its label (user text or a translated name), one value per series with its text, and
    an optional target (on the same scale) with its text."""

    label: str
    values: list[float]
    texts: list[str]
    target: float | None = None
    target_text: str = ""


@dataclass
class Shape:
    """A bar or a column and its value's text, every coordinate a machine string."""

    x: str
    y: str
    width: str
    height: str
    css: str
    text: str
    text_x: str
    text_y: str
    text_anchor: str = "start"
    target_x: str = ""
    target_y1: str = ""
    target_y2: str = ""


@dataclass
class Label:
    text: str
    x: str
    y: str
    anchor: str = "start"


@dataclass
class Table:
    caption: str
    header: list[str]
    rows: list[list[str]]  # the first cell heads its row


@dataclass
class Chart:
    """What ``templates/outcomes/charts/_chart.html`` draws. ``empty``: the sentence shown instead of the
    chart when there is nothing to draw."""

    key: str
    title: str
    summary: str
    kind: str = "bars"  # or "columns"
    empty: str = ""
    view_box: str = ""
    font_size: int = FONT_SIZE
    shapes: list[Shape] = field(default_factory=list)
    labels: list[Label] = field(default_factory=list)
    axis: dict = field(default_factory=dict)
    legend: list[Series] = field(default_factory=list)
    table: Table | None = None

    @property
    def title_id(self) -> str:
        return f"chart-{self.key}-title"

    @property
    def desc_id(self) -> str:
        return f"chart-{self.key}-desc"


def _shortened(text: str) -> str:
    return text if len(text) <= LONGEST_LABEL else text[: LONGEST_LABEL - 1].rstrip() + "…"


def bar_chart(
    *, key: str, title: str, summary: str, series: list[Series], rows: list[Row], table: Table, scale=None
) -> Chart:
    """Horizontal bars, one group per row. ``scale``: the value a full bar stands for (by default the
    largest value or target)."""
    top = max([scale or 0, *(v for row in rows for v in row.values), *(row.target or 0 for row in rows)])
    top = top or 1
    several = len(series) > 1
    shapes, labels, y = [], [], 0.0
    for row in rows:
        labels.append(Label(_shortened(row.label), "0", svg_number(y + FONT_SIZE)))
        y += LABEL_HEIGHT + 2
        first_bar_y = y
        for index, (one, value, text) in enumerate(zip(series, row.values, row.texts, strict=True)):
            width = max(0.0, value) / top * BAR_MAX
            shown = f"{one.name}: {text}" if several else text
            text_from = width
            if index == 0 and row.target is not None:
                # The figure is written past the target's mark too, so the mark never crosses it.
                text_from = max(width, row.target / top * BAR_MAX)
                if not several:
                    shown = f"{text} ({row.target_text})"
            shapes.append(
                Shape(
                    x="0",
                    y=svg_number(y),
                    width=svg_number(width),
                    height=svg_number(BAR_HEIGHT),
                    css=one.css,
                    text=shown,
                    text_x=svg_number(text_from + TEXT_GAP),
                    text_y=svg_number(y + BAR_HEIGHT / 2),
                )
            )
            y += BAR_HEIGHT + BAR_GAP
        if row.target is not None:
            shape = shapes[-len(series)]
            shape.target_x = svg_number(row.target / top * BAR_MAX)
            shape.target_y1 = svg_number(first_bar_y - 3)
            shape.target_y2 = svg_number(y - BAR_GAP + 3)
        y += ROW_GAP - BAR_GAP
    height = max(y, LABEL_HEIGHT)
    return Chart(
        key=key,
        title=title,
        summary=summary,
        kind="bars",
        view_box=f"0 0 {WIDTH} {svg_number(height)}",
        shapes=shapes,
        labels=labels,
        legend=series if several else [],
        table=table,
    )


def column_chart(
    *, key: str, title: str, summary: str, values: list[int], texts: list[str], dates: list[str], table: Table
) -> Chart:
    """Vertical columns in equal slots, oldest first; the value above each column, every third date (and
    the last) under the axis."""
    top = max(values, default=0) or 1
    slot = WIDTH / len(values)
    width = slot * COLUMN_WIDTH_SHARE
    shapes, labels = [], []
    for index, (value, text) in enumerate(zip(values, texts, strict=True)):
        height = value / top * (PLOT_BOTTOM - PLOT_TOP)
        x = index * slot + (slot - width) / 2
        shapes.append(
            Shape(
                x=svg_number(x),
                y=svg_number(PLOT_BOTTOM - height),
                width=svg_number(width),
                height=svg_number(height),
                css=SERIES_CLASSES[0],
                text=text,
                text_x=svg_number(x + width / 2),
                text_y=svg_number(PLOT_BOTTOM - height - TEXT_GAP),
                text_anchor="middle",
            )
        )
        last = index == len(values) - 1
        if (len(values) - 1 - index) % DATE_EVERY == 0:
            anchor = "end" if last else ("start" if index == 0 else "middle")
            at = WIDTH if last else (x if index == 0 else x + width / 2)
            labels.append(
                Label(dates[index], svg_number(at), svg_number(PLOT_BOTTOM + SMALL_FONT + 6), anchor)
            )
    return Chart(
        key=key,
        title=title,
        summary=summary,
        kind="columns",
        view_box=f"0 0 {WIDTH} {COLUMN_HEIGHT}",
        font_size=SMALL_FONT,
        shapes=shapes,
        labels=labels,
        axis={"x1": "0", "x2": svg_number(WIDTH), "y": svg_number(PLOT_BOTTOM)},
        table=table,
    )


def empty_chart(*, key: str, title: str, sentence: str) -> Chart:
    return Chart(key=key, title=title, summary=sentence, empty=sentence)
