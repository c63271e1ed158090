"""Server-side SVG charts: no JavaScript, nothing fetched from elsewhere.

This module computes geometry only (where each bar, tick and label goes, in the units of the SVG's
viewBox); the templates in ``templates/charts/`` draw it, so every text is escaped by the template
engine. Each chart comes with a visible caption, is an ``<svg role="img">`` named by its ``<title>``
and described by its ``<desc>``, and the page puts a table with the same numbers next to it.

Rules the charts keep so that they cannot mislead: years sit on a true time axis (2017 and 2025 are
eight years apart, not neighbours); one year alone is not a chart (the page shows its figures);
labels are wrapped, never cut; numbers are written the page language's way ("1,76 mljrd.").
"""

import math
import textwrap
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.template.loader import render_to_string
from django.utils import formats
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from clusters.models import Cluster, NetworkFigures, YearlyFigures, export_share

Number = int | float | Decimal

# The viewBox is about as wide as a phone's screen in CSS pixels, so that 13-unit text stays legible
# at 390 px; wider screens scale the chart up.
WIDTH = 360
SERIES_CLASSES = ("chart-series-1", "chart-series-2", "chart-series-3")
LABEL_CHARACTERS = 46  # a wrapped label line at 13 units fits the viewBox
LINE_HEIGHT = 16
CHARACTER_WIDTH = 7.5  # a generous average width of a 13-unit character, for laying out labels


@dataclass(frozen=True)
class Series:
    name: str
    values: Sequence[Number | None]


@dataclass(frozen=True)
class Rect:
    x: float
    y: float
    width: float
    height: float
    css_class: str
    text: str = ""


@dataclass(frozen=True)
class Text:
    x: float
    y: float
    text: str
    anchor: str = "start"


def _localized(value: float, decimals: int) -> str:
    text = f"{value:.{decimals}f}"
    if decimals:
        text = text.rstrip("0").rstrip(".")
    return formats.number_format(Decimal(text))


def compact_number(value: Number | None) -> str:
    """A short label in the page's language: 1 762 000 000 -> "1.76 bn" (Latvian "1,76 mljrd.")."""
    if value is None:
        return "–"
    value = float(value)
    for limit, template in (
        (1e9, _("%(value)s bn")),
        (1e6, _("%(value)s M")),
        (1e3, _("%(value)s k")),
    ):
        if abs(value) >= limit:
            scaled = value / limit
            decimals = 0 if abs(scaled) >= 100 else 1 if abs(scaled) >= 10 else 2
            return template % {"value": _localized(scaled, decimals)}
    return _localized(value, 0 if value == int(value) else 2)


def percent(value: Number | None) -> str:
    """13 -> "13.0 %" (Latvian "13,0 %"), None -> "–"."""
    return "–" if value is None else f"{formats.number_format(float(value), decimal_pos=1)}\xa0%"


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


def _render(template: str, context: dict) -> SafeString:
    return SafeString(render_to_string(template, context).strip())


def _time_positions(labels: Sequence[object], left: float, plot_width: float) -> tuple[list[float], float]:
    """The centre of each label's slot and the slot width. Year labels (integers) sit on a true time
    axis, one slot per calendar year between the first and the last; other labels sit side by side."""
    if labels and all(isinstance(label, int) for label in labels):
        first = min(labels)
        slots = max(labels) - first + 1
        slot = plot_width / slots
        return [left + (label - first + 0.5) * slot for label in labels], slot
    slot = plot_width / max(len(labels), 1)
    return [left + (index + 0.5) * slot for index in range(len(labels))], slot


def _axis_labels(labels: Sequence[object], centres: Sequence[float], slot: float, y: float) -> list[Text]:
    """Labels under the bars, thinned out (every k-th, always the last) where they would overlap."""
    step = max(1, math.ceil(38 / slot)) if slot else 1
    shown = [Text(round(x, 1), y, str(label), "middle") for x, label in zip(centres, labels, strict=True)]
    if step == 1 or not shown:
        return shown
    first = labels[0] if isinstance(labels[0], int) else 0
    kept = [
        text
        for index, (text, label) in enumerate(zip(shown, labels, strict=True))
        if ((label - first) if isinstance(label, int) else index) % step == 0
    ]
    if kept[-1] is not shown[-1]:
        if shown[-1].x - kept[-1].x < 38:
            kept.pop()
        kept.append(shown[-1])
    return kept


def bar_chart(
    *,
    chart_id: str,
    title: str,
    labels: Sequence[object],
    series: Sequence[Series],
    format_value: Callable[[Number | None], str] = compact_number,
) -> SafeString:
    """Vertical bars, one group per label and one bar per series in each group. Integer labels are
    years on a true time axis (a gap of years leaves a gap)."""
    values = [float(v) for item in series for v in item.values if v is not None]
    top_value = _nice_ceiling(max(values, default=0))
    tick_labels = [format_value(top_value * tick / 4) for tick in range(5)]
    # The value axis is as wide as its longest label ("1,5 mljrd."), so that no label is cut.
    height, right, top, bottom = 240, 8, 30 if len(series) > 1 else 12, 28
    left = round(max(len(label) for label in tick_labels) * CHARACTER_WIDTH + 10)
    plot_width, plot_height = WIDTH - left - right, height - top - bottom
    ticks = []
    for tick, label in enumerate(tick_labels):
        y = round(top + plot_height - plot_height * tick / 4, 1)
        ticks.append(Text(left - 6, y, label, "end"))
    centres, slot = _time_positions(labels, left, plot_width)
    group_width = min(slot * 0.8, 72)
    bar_width = group_width / max(len(series), 1)
    bars = []
    for centre, group in zip(centres, range(len(labels)), strict=True):
        for index, item in enumerate(series):
            value = item.values[group]
            if value is None:
                continue
            bar_height = plot_height * float(value) / top_value
            bars.append(
                Rect(
                    x=round(centre - group_width / 2 + index * bar_width, 1),
                    y=round(top + plot_height - bar_height, 1),
                    width=round(max(bar_width * 0.92, 1), 1),
                    height=round(bar_height, 1),
                    css_class=SERIES_CLASSES[index % len(SERIES_CLASSES)],
                    text=f"{item.name}, {labels[group]}: {format_value(value)}",
                )
            )
    legend = [
        (Rect(left + index * 130, 6, 12, 12, SERIES_CLASSES[index % len(SERIES_CLASSES)]), item.name)
        for index, item in enumerate(series)
    ]
    description = _("Bar chart of %(series)s; the table that follows gives the same numbers.") % {
        "series": ", ".join(item.name for item in series)
    }
    return _render(
        "charts/bar_chart.svg",
        {
            "chart_id": chart_id,
            "title": title,
            "description": description,
            "width": WIDTH,
            "height": height,
            "grid": [(left, WIDTH - right, tick.y) for tick in ticks],
            "ticks": [Text(tick.x, tick.y + 4, tick.text, "end") for tick in ticks],
            "bars": bars,
            "axis_labels": _axis_labels(labels, centres, slot, height - 8),
            "legend": [(rect, Text(rect.x + 18, 16, name)) for rect, name in legend]
            if len(series) > 1
            else [],
        },
    )


def horizontal_bar_chart(
    *,
    chart_id: str,
    title: str,
    labels: Sequence[str],
    values: Sequence[Number | None],
    format_value: Callable[[Number | None], str] = compact_number,
) -> SafeString:
    """One bar per label, the label written in full above its bar (wrapped, never cut) and the value
    after the bar (rankings, sectors)."""
    value_room = 92
    top_value = max((float(v) for v in values if v is not None), default=0) or 1.0
    rows, labels_out, values_out = [], [], []
    y = 4.0
    for label, value in zip(labels, values, strict=True):
        lines = textwrap.wrap(str(label), LABEL_CHARACTERS) or [""]
        for line in lines:
            y += LINE_HEIGHT
            labels_out.append(Text(0, y - 3, line))
        width = (WIDTH - value_room) * float(value or 0) / top_value
        rows.append(
            Rect(0, y + 2, round(max(width, 1), 1), 14, SERIES_CLASSES[0], f"{label}: {format_value(value)}")
        )
        values_out.append(Text(round(width + 6, 1), y + 14, format_value(value)))
        y += 24
    description = _("Horizontal bar chart; the table that follows gives the same numbers.")
    return _render(
        "charts/horizontal_bar_chart.svg",
        {
            "chart_id": chart_id,
            "title": title,
            "description": description,
            "width": WIDTH,
            "height": round(y + 4),
            "bars": rows,
            "labels": labels_out,
            "values": values_out,
        },
    )


def export_share_percent(turnover: Number | None, export: Number | None) -> float | None:
    """Export as a percentage of turnover, or None without turnover."""
    share = export_share(turnover, export)
    return None if share is None else 100 * share


def figure_rows(figures: Iterable[YearlyFigures]) -> list[dict[str, Number]]:
    """YearlyFigures as the rows that ``figures_over_years`` and the figures table read (``figures``
    keeps the row itself, for its source)."""
    return [
        {
            "year": row.year,
            "members": row.members,
            "turnover": row.turnover_eur,
            "export": row.export_eur,
            "figures": row,
        }
        for row in figures
    ]


def figures_over_years(
    *, id_prefix: str, subject: str, rows: Sequence[Mapping[str, Number | None]]
) -> dict[str, SafeString]:
    """The three charts of yearly figures: members, turnover and export, and the export share; none
    for fewer than two years (one year is shown as figures, not as three giant bars).

    Each row has year, members, turnover and export (see ``figure_rows``).
    """
    if len(rows) < 2:
        return {}
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
    *,
    year: int | None,
) -> dict[str, SafeString]:
    """The charts of the statistics page; a chart whose data is missing is left out.

    `per_year` holds only complete years (a trend of partial totals would mislead); the sectors and
    the ranking are of the one chosen `year`.
    """
    result = figures_over_years(id_prefix="totals", subject=_("all clusters (complete years)"), rows=per_year)
    if per_sector:
        result["sectors"] = horizontal_bar_chart(
            chart_id="sectors",
            title=_("Turnover by sector in %(year)s, EUR") % {"year": year},
            labels=[row["sector"] for row in per_sector],
            values=[row["turnover"] for row in per_sector],
        )
    if ranking:
        result["ranking"] = horizontal_bar_chart(
            chart_id="ranking",
            title=_("Clusters with the largest turnover in %(year)s, EUR") % {"year": year},
            labels=[cluster.name for cluster in ranking],
            values=[cluster.year_turnover for cluster in ranking],
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
