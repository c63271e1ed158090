"""Server-side SVG charts: accessible names, escaped labels, readable axis numbers."""

import pytest

from directory.charts import Series, bar_chart, compact_number, horizontal_bar_chart, percent


@pytest.mark.parametrize(
    ("value", "expected"),
    [(1_762_000_000, "1.76 bn"), (610_000_000, "610 M"), (28_711, "28.7 k"), (25, "25"), (None, "–")],
)
def test_compact_number(value, expected):
    assert compact_number(value) == expected


def test_percent():
    assert percent(13) == "13.0\xa0%"
    assert percent(None) == "–"


def test_bar_chart_is_a_named_image_with_round_axis_steps():
    svg = bar_chart(
        chart_id="members",
        title="Members by year",
        labels=[2016, 2017],
        series=[Series("Members", [22, None])],
    )
    assert svg.startswith('<svg class="chart"')
    assert 'role="img" aria-labelledby="members-title members-desc"' in svg
    assert '<title id="members-title">Members by year</title>' in svg
    assert svg.count("<rect") == 1  # no bar for the missing year
    # 22 members: the axis tops at 40 and its quarters are whole numbers.
    assert [f">{tick}</text>" in svg for tick in (0, 10, 20, 30, 40)] == [True] * 5


def test_chart_labels_and_titles_are_escaped():
    svg = horizontal_bar_chart(
        chart_id="ranking",
        title="<b>Ranking</b>",
        labels=["<script>alert(1)</script>"],
        values=[5],
    )
    assert "<script>" not in svg
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in svg
    assert "&lt;b&gt;Ranking&lt;/b&gt;" in svg
