"""The indicator chart's geometry: a line of dated measurements against the baseline and the target, with
value ticks on the y-axis and dates on the x-axis (placed by date, so that uneven gaps show as such).

Every coordinate is a string formatted here, with a dot, so that no language's number format reaches the
SVG; the template writes the visible labels (values and dates) in the viewer's language."""

import math
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

WIDTH, HEIGHT = 320, 200  # the viewBox; at 390 px wide the chart draws about 1:1, so 12 is a 12 px font
LEFT, RIGHT, TOP, BOTTOM = 52, 308, 24, 160  # the plot area inside it
FONT_SIZE = 12
LABEL_GAP = 4  # between a line and its label
MIN_LABEL_DISTANCE = 15  # baseline and target labels closer than this go on either side of their lines
MAX_DATE_LABELS = 3  # first, middle, last: what fits at 390 px
SMALLEST_STEP = Decimal("0.01")  # values have two decimals, and so do the tick labels


def svg_number(value) -> str:
    """``4.0``, ``-12.5``: one decimal, a dot, no grouping, whatever the active language."""
    return f"{float(value):.1f}"


@dataclass
class Tick:
    at: str  # the coordinate along its axis
    value: object  # a Decimal on the y-axis, a date on the x-axis
    anchor: str = "middle"


def nice_step(span: float, ticks: int = 4) -> float:
    """A round step (1, 2, 2.5 or 5 × 10ⁿ) that cuts ``span`` into about ``ticks`` parts."""
    raw = span / ticks if span > 0 else 1
    power = 10 ** math.floor(math.log10(raw))
    return next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)


def _value_ticks(low: Decimal, high: Decimal) -> list[Decimal]:
    step = max(Decimal(str(nice_step(float(high - low)))), SMALLEST_STEP)
    first = (low / step).to_integral_value(rounding="ROUND_FLOOR") * step
    last = (high / step).to_integral_value(rounding="ROUND_CEILING") * step
    if first == last:
        first, last = first - step, last + step
    count = int((last - first) / step)
    return [first + i * step for i in range(count + 1)]


def indicator_chart(*, baseline: Decimal, target: Decimal, measurements: list[tuple[date, Decimal]]) -> dict:
    """Coordinates for ``_indicators.html``: the measured line and its dots, the baseline and target lines
    with where their labels go, the value ticks and the date ticks."""
    values = [value for _d, value in measurements]
    ticks = _value_ticks(min([baseline, target, *values]), max([baseline, target, *values]))
    low, high = ticks[0], ticks[-1]

    def y(value) -> float:
        return BOTTOM - float((value - low) / (high - low)) * (BOTTOM - TOP)

    dates = [day for day, _v in measurements]
    first, last = (min(dates), max(dates)) if dates else (None, None)
    days = (last - first).days if dates else 0

    def x(day) -> float:
        return (LEFT + RIGHT) / 2 if not days else LEFT + (day - first).days / days * (RIGHT - LEFT)

    dots = [(svg_number(x(day)), svg_number(y(value))) for day, value in measurements]
    baseline_y, target_y = y(baseline), y(target)
    baseline_label_y, target_label_y = baseline_y - LABEL_GAP, target_y - LABEL_GAP
    if abs(baseline_y - target_y) < MIN_LABEL_DISTANCE:  # the lower line's label goes under it
        if baseline_y >= target_y:
            baseline_label_y = baseline_y + LABEL_GAP + FONT_SIZE - 2
        else:
            target_label_y = target_y + LABEL_GAP + FONT_SIZE - 2
    return {
        "view_box": f"0 0 {WIDTH} {HEIGHT}",
        "font_size": FONT_SIZE,
        "left": svg_number(LEFT),
        "right": svg_number(RIGHT),
        "top": svg_number(TOP),
        "bottom": svg_number(BOTTOM),
        "points": " ".join(f"{cx},{cy}" for cx, cy in dots),
        "dots": dots,
        "baseline_y": svg_number(baseline_y),
        "target_y": svg_number(target_y),
        "baseline_label_y": svg_number(baseline_label_y),
        "target_label_y": svg_number(target_label_y),
        "label_x": svg_number(RIGHT - LABEL_GAP),
        "tick_label_x": svg_number(LEFT - 6),
        "unit_x": svg_number(LEFT + 4),  # beside the axis, not above its labels: a long unit is not cut off
        "unit_y": svg_number(TOP - 10),
        "date_label_y": svg_number(BOTTOM + FONT_SIZE + 8),
        "value_ticks": [Tick(at=svg_number(y(value)), value=value) for value in ticks],
        "date_ticks": _date_ticks(sorted(set(dates)), x),
    }


def _date_ticks(dates: list[date], x) -> list[Tick]:
    if len(dates) == 1:
        return [Tick(at=svg_number(x(dates[0])), value=dates[0])]
    if not dates:
        return []
    chosen = [dates[0], dates[-1]]
    if len(dates) > 2 and MAX_DATE_LABELS > 2:
        middle = dates[len(dates) // 2]
        # only when it sits far enough from both ends not to overlap their labels
        if min(x(middle) - LEFT, RIGHT - x(middle)) > (RIGHT - LEFT) / 4:
            chosen.insert(1, middle)
    anchors = ["start", *["middle"] * (len(chosen) - 2), "end"]
    return [Tick(at=svg_number(x(day)), value=day, anchor=a) for day, a in zip(chosen, anchors, strict=True)]
