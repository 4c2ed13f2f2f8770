"""The bar chart's geometry: a figure is written past its bar and past its target's mark, so the mark
never crosses the text; coordinates are machine numbers."""

from arenas.outcomes.charts import TEXT_GAP, Row, Series, Table, bar_chart


def chart(rows):
    return bar_chart(
        key="mix",
        title="Mix",
        summary="",
        series=[Series("Joined")],
        rows=rows,
        table=Table(caption="", header=[], rows=[]),
    )


def test_a_figure_is_written_past_the_target_mark_when_the_bar_is_shorter():
    empty, full = chart(
        [
            Row("Business", [0], ["0"], target=5, target_text="target 5"),
            Row("Resident", [10], ["10"], target=5),
        ]
    ).shapes

    assert float(empty.text_x) == float(empty.target_x) + TEXT_GAP > float(empty.width)
    assert empty.text == "0 (target 5)"
    # A bar past its target: the figure follows the bar.
    assert float(full.text_x) == float(full.width) + TEXT_GAP > float(full.target_x)
