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
    assert svg.startswith('<figcaption class="chart-title">Members by year</figcaption>\n<svg class="chart"')
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


def test_years_sit_on_a_true_time_axis():
    import re

    svg = bar_chart(chart_id="t", title="T", labels=[2016, 2017, 2025], series=[Series("Members", [1, 2, 3])])
    x = [float(value) for value in re.findall(r'<rect class="chart-series-1" x="([\d.]+)"', svg)]
    assert x[2] - x[1] == pytest.approx(8 * (x[1] - x[0]), rel=0.01)
    assert ">2016</text>" in svg and ">2025</text>" in svg


def test_one_year_is_not_drawn_as_a_chart():
    from directory.charts import figures_over_years

    row = {"year": 2017, "members": 30, "turnover": 100, "export": 40}
    assert figures_over_years(id_prefix="x", subject="X", rows=[row]) == {}
    assert set(figures_over_years(id_prefix="x", subject="X", rows=[row, {**row, "year": 2018}])) == {
        "members",
        "money",
        "share",
    }


def test_long_labels_are_wrapped_in_full_never_cut():
    name = "Latvian wood construction and timber frame house manufacturers cluster association"
    svg = horizontal_bar_chart(chart_id="r", title="Ranking", labels=[name, "Short"], values=[10, 5])
    import re

    lines = re.findall(r'<text class="chart-axis" x="0" y="[\d.]+">([^<]*)</text>', svg)
    assert " ".join(lines[:-1]) == name
    assert "…" not in svg
    assert all(len(line) <= 46 for line in lines)


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", ["1.76 bn", "610 M", "28.7 k", "13.0\xa0%"]),
        ("lv", ["1,76 mljrd.", "610 milj.", "28,7 tūkst.", "13,0\xa0%"]),
    ],
)
def test_numbers_are_written_in_the_page_language(language, expected):
    from django.utils import translation

    with translation.override(language):
        assert [
            compact_number(1_762_000_000),
            compact_number(610_000_000),
            compact_number(28_711),
            percent(13),
        ] == (expected)


def test_coordinates_stay_svg_numbers_in_latvian():
    import re

    from django.utils import translation

    with translation.override("lv"):
        svg = horizontal_bar_chart(chart_id="r", title="R", labels=["A", "B"], values=[10.5, 3])
    assert "10,5" in svg  # the value label is Latvian
    assert not re.search(r'(x|y|width|height)="[\d.]*,', svg)  # a comma would make a list of positions


def test_the_value_axis_makes_room_for_its_longest_label():
    import re

    from django.utils import translation

    with translation.override("lv"):
        svg = bar_chart(chart_id="m", title="M", labels=[2016, 2017], series=[Series("T", [1.2e9, 1.6e9])])
    assert ">1,5 mljrd.</text>" in svg
    first_bar = float(re.search(r'<rect class="chart-series-1" x="([\d.]+)"', svg).group(1))
    assert first_bar > len("1,5 mljrd.") * 7
