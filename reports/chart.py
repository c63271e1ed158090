"""Geometry of the report's main chart: turnover and export per cluster as horizontal bars.

Python computes positions and labels; ``reports/chart.svg.html`` draws them. The SVG carries its own colours
and fonts, so the downloaded file looks the same in a slide as on the page.
"""

from dataclasses import dataclass

from django.utils import formats

from .report import Report

WIDTH = 760
LABEL_WIDTH = 250
BAR_AREA = WIDTH - LABEL_WIDTH - 110
ROW_HEIGHT = 34
BAR_HEIGHT = 12
TOP = 60


@dataclass(frozen=True)
class Bar:
    y: float
    width: float
    label: str


@dataclass(frozen=True)
class ChartRow:
    name: str
    y: float
    turnover: Bar
    export: Bar


def millions(value: int) -> str:
    """A bar label in millions of euros with one decimal, in the active language's format."""
    return formats.number_format(round(value / 1_000_000, 1), 1, use_l10n=True, force_grouping=True)


def report_chart(report: Report) -> dict:
    """Context for ``reports/chart.svg.html``: one row per cluster, largest turnover first."""
    rows = sorted(report.rows, key=lambda row: (-row.turnover, row.cluster.name))
    top = max((row.turnover for row in rows), default=0) or 1
    chart_rows = []
    for index, row in enumerate(rows):
        y = TOP + index * ROW_HEIGHT
        chart_rows.append(
            ChartRow(
                name=row.cluster.name,
                y=y,
                turnover=Bar(y=y, width=BAR_AREA * row.turnover / top, label=millions(row.turnover)),
                export=Bar(y=y + BAR_HEIGHT, width=BAR_AREA * row.export / top, label=millions(row.export)),
            )
        )
    return {
        "width": WIDTH,
        "height": TOP + len(rows) * ROW_HEIGHT + 10,
        "label_width": LABEL_WIDTH,
        "bar_height": BAR_HEIGHT,
        "rows": chart_rows,
        "report": report,
    }
