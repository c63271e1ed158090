"""Server-side SVG charts: no JavaScript, nothing fetched from elsewhere.

Each chart is an ``<svg role="img">`` named by its ``<title>`` and described by its ``<desc>``; the page
puts a table with the same numbers next to it, so nobody depends on seeing the picture. Every text that
comes from the database goes through ``format_html`` and is escaped.
"""

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.utils.formats import get_format, number_format
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from clusters.models import Cluster, NetworkFigures, YearlyFigures, export_share

Number = int | float | Decimal

WIDTH = 480
SERIES_CLASSES = ("chart-series-1", "chart-series-2", "chart-series-3")


@dataclass(frozen=True)
class Series:
    name: str
    values: Sequence[Number | None]


def _three_digits(value: float) -> str:
    """Three significant digits with the current language's decimal separator: "1.76" / "1,76"."""
    return f"{value:.3g}".replace(".", get_format("DECIMAL_SEPARATOR"))


def compact_number(value: Number | None) -> str:
    """A short label for an axis or a bar in the current language: 1 762 000 000 -> "1.76 bn" in
    English, "1,76 mljrd." in Latvian; 610 000 -> "610 k"."""
    if value is None:
        return "–"
    value = float(value)
    for limit, template in (
        (1e9, _("%(value)s bn")),
        (1e6, _("%(value)s M")),
        (1e3, _("%(value)s k")),
    ):
        if abs(value) >= limit:
            return template % {"value": _three_digits(value / limit)}
    return _three_digits(value) if value != int(value) else str(int(value))


def percent(value: Number | None) -> str:
    """A percentage with one decimal in the current language: "22.1 %", "22,1 %" (no-break space)."""
    return "–" if value is None else f"{number_format(float(value), 1)}\xa0%"


def _nice_ceiling(value: float) -> float:
    """The smallest of 1, 2, 4, 6, 8 x 10^n that is at least value: the top of the value axis, whose
    quarters are then round numbers."""
    if value <= 0:
        return 1.0
    magnitude = 10 ** (len(str(int(value))) - 1) if value >= 1 else 1
    for step in (1, 2, 4, 6, 8, 10):
        if step * magnitude >= value:
            return step * magnitude
    return 10.0 * magnitude


def _join(parts: Sequence[SafeString]) -> SafeString:
    return mark_safe("".join(parts))  # noqa: S308 - every part was built by format_html


def _frame(chart_id: str, title: str, description: str, height: int, body: SafeString) -> SafeString:
    return format_html(
        '<svg class="chart" viewBox="0 0 {} {}" role="img" aria-labelledby="{}-title {}-desc" '
        'xmlns="http://www.w3.org/2000/svg"><title id="{}-title">{}</title><desc id="{}-desc">{}</desc>{}</svg>',
        WIDTH,
        height,
        chart_id,
        chart_id,
        chart_id,
        title,
        chart_id,
        description,
        body,
    )


def _legend(series: Sequence[Series]) -> SafeString:
    return _join(
        [
            format_html(
                '<rect class="{}" x="{}" y="6" width="12" height="12"/>'
                '<text class="chart-legend" x="{}" y="16">{}</text>',
                SERIES_CLASSES[index % len(SERIES_CLASSES)],
                64 + index * 160,
                82 + index * 160,
                item.name,
            )
            for index, item in enumerate(series)
        ]
    )


def bar_chart(
    *,
    chart_id: str,
    title: str,
    labels: Sequence[object],
    series: Sequence[Series],
    format_value: Callable[[Number | None], str] = compact_number,
) -> SafeString:
    """Vertical bars, one group per label (e.g. per year) and one bar per series in each group."""
    height, left, top, bottom = 280, 64, 30, 30
    plot_width, plot_height = WIDTH - left - 10, height - top - bottom
    values = [float(v) for item in series for v in item.values if v is not None]
    top_value = _nice_ceiling(max(values, default=0))
    parts = [_legend(series)] if len(series) > 1 else []
    for tick in range(5):
        y = top + plot_height - plot_height * tick / 4
        parts.append(
            format_html(
                '<line class="chart-grid" x1="{}" x2="{}" y1="{}" y2="{}"/>'
                '<text class="chart-axis" x="{}" y="{}" text-anchor="end">{}</text>',
                left,
                WIDTH - 10,
                y,
                y,
                left - 6,
                y + 4,
                format_value(top_value * tick / 4),
            )
        )
    group_width = plot_width / max(len(labels), 1)
    bar_width = group_width * 0.8 / max(len(series), 1)
    for group, label in enumerate(labels):
        x0 = left + group * group_width + group_width * 0.1
        parts.append(
            format_html(
                '<text class="chart-axis" x="{}" y="{}" text-anchor="middle">{}</text>',
                round(left + (group + 0.5) * group_width, 1),
                height - 10,
                label,
            )
        )
        for index, item in enumerate(series):
            value = item.values[group]
            if value is None:
                continue
            bar_height = plot_height * float(value) / top_value
            parts.append(
                format_html(
                    '<rect class="{}" x="{}" y="{}" width="{}" height="{}"/>',
                    SERIES_CLASSES[index % len(SERIES_CLASSES)],
                    round(x0 + index * bar_width, 1),
                    round(top + plot_height - bar_height, 1),
                    round(bar_width * 0.92, 1),
                    round(bar_height, 1),
                )
            )
    description = _("Bar chart of %(series)s; the table that follows gives the same numbers.") % {
        "series": ", ".join(item.name for item in series)
    }
    return _frame(chart_id, title, description, height, _join(parts))


def horizontal_bar_chart(
    *,
    chart_id: str,
    title: str,
    labels: Sequence[str],
    values: Sequence[Number | None],
    format_value: Callable[[Number | None], str] = compact_number,
) -> SafeString:
    """One horizontal bar per label, with its value written after the bar (rankings, sectors)."""
    row, left, right = 26, 190, 70
    height = row * len(labels) + 10
    top_value = max((float(v) for v in values if v is not None), default=0) or 1.0
    parts = []
    for index, (label, value) in enumerate(zip(labels, values, strict=True)):
        y = 5 + index * row
        width = (WIDTH - left - right) * float(value or 0) / top_value
        short = label if len(label) <= 26 else label[:25] + "…"
        parts.append(
            format_html(
                '<text class="chart-axis" x="{}" y="{}" text-anchor="end">{}</text>'
                '<rect class="{}" x="{}" y="{}" width="{}" height="{}"/>'
                '<text class="chart-axis" x="{}" y="{}">{}</text>',
                left - 8,
                y + 16,
                short,
                SERIES_CLASSES[0],
                left,
                y + 3,
                round(width, 1),
                row - 8,
                round(left + width + 6, 1),
                y + 16,
                format_value(value),
            )
        )
    description = _("Horizontal bar chart; the table that follows gives the same numbers.")
    return _frame(chart_id, title, description, height, _join(parts))


def export_share_percent(turnover: Number | None, export: Number | None) -> float | None:
    """Export as a percentage of turnover, or None without turnover."""
    share = export_share(turnover, export)
    return None if share is None else 100 * share


def figure_rows(figures: Iterable[YearlyFigures]) -> list[dict[str, Number]]:
    """YearlyFigures as the rows that ``figures_over_years`` and the figures table read."""
    return [
        {"year": row.year, "members": row.members, "turnover": row.turnover_eur, "export": row.export_eur}
        for row in figures
    ]


def figures_over_years(
    *, id_prefix: str, subject: str, rows: Sequence[Mapping[str, Number | None]]
) -> dict[str, SafeString]:
    """The three charts of yearly figures: members, turnover and export, and the export share.

    Each row has year, members, turnover and export (see ``figure_rows``).
    """
    years = [row["year"] for row in rows]
    turnover = [row["turnover"] for row in rows]
    export = [row["export"] for row in rows]
    shares = [export_share_percent(t, e) for t, e in zip(turnover, export, strict=True)]
    return {
        "members": bar_chart(
            chart_id=f"{id_prefix}-members",
            title=_("Members of %(subject)s by year") % {"subject": subject},
            labels=years,
            series=[Series(_("Members"), [row["members"] for row in rows])],
        ),
        "money": bar_chart(
            chart_id=f"{id_prefix}-money",
            title=_("Turnover and export of %(subject)s by year, EUR") % {"subject": subject},
            labels=years,
            series=[Series(_("Turnover"), turnover), Series(_("Export"), export)],
        ),
        "share": bar_chart(
            chart_id=f"{id_prefix}-share",
            title=_("Export share of turnover of %(subject)s by year, %%") % {"subject": subject},
            labels=years,
            series=[Series(_("Export share"), shares)],
            format_value=percent,
        ),
    }


def statistics_charts(
    per_year: Sequence[Mapping],
    per_sector: Sequence[Mapping],
    ranking: Sequence[Cluster],
    growth: NetworkFigures | None,
) -> dict[str, SafeString]:
    """The charts of the statistics page; a chart whose data is missing is left out."""
    result = {}
    if per_year:
        result |= figures_over_years(id_prefix="totals", subject=_("all clusters"), rows=per_year)
    if per_sector:
        result["sectors"] = horizontal_bar_chart(
            chart_id="sectors",
            title=_("Turnover by sector in each cluster's latest year, EUR"),
            labels=[row["sector"] for row in per_sector],
            values=[row["turnover"] for row in per_sector],
        )
    if ranking:
        result["ranking"] = horizontal_bar_chart(
            chart_id="ranking",
            title=_("Clusters with the largest turnover in their latest year, EUR"),
            labels=[cluster.name for cluster in ranking],
            values=[cluster.latest_turnover for cluster in ranking],
        )
    if growth:
        result["growth"] = horizontal_bar_chart(
            chart_id="growth",
            title=_("Average yearly export growth, %"),
            labels=[_("Latvia"), _("Member clusters")],
            values=[growth.export_growth_latvia_pct, growth.export_growth_clusters_pct],
            format_value=percent,
        )
    return result
