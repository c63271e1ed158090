"""The report as files: XLSX laid out like the network's printed table, and a formula-safe CSV.

Both come from ``report.build_report``, so they agree with the page to the euro.
"""

import csv
import io
from collections.abc import Iterator

from django.utils import formats
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from clusters.resources import formula_safe

from .report import Report, ReportRow

AMOUNT_FORMAT = "#,##0"
PERCENT_FORMAT = "0.0%"
HEADER_ROW = 3


def _headers() -> list[tuple[str, int, str | None]]:
    """(header, column width, number format) of each column, in order."""
    return [
        (_("Cluster"), 38, None),
        (_("Members"), 11, AMOUNT_FORMAT),
        (_("Turnover, EUR"), 17, AMOUNT_FORMAT),
        (_("Export, EUR"), 17, AMOUNT_FORMAT),
        (_("Export share"), 10, PERCENT_FORMAT),
        (_("Turnover growth"), 11, PERCENT_FORMAT),
        (_("Export growth"), 11, PERCENT_FORMAT),
        (_("Contact"), 32, None),
        (_("Website"), 34, None),
    ]


def _values(row: ReportRow) -> list:
    return [
        row.cluster.name,
        row.members,
        row.turnover,
        row.export,
        row.export_share,
        row.turnover_growth,
        row.export_growth,
        row.contact_email,
        row.cluster.website,
    ]


def _total_values(report: Report) -> list:
    return [
        _("Total"),
        report.members,
        report.turnover,
        report.export,
        report.export_share,
        report.turnover_growth,
        report.export_growth,
        "",
        "",
    ]


def title(report: Report) -> str:
    return _("Latvian Clusters in Numbers (%(year)s)") % {"year": report.year}


def xlsx_bytes(report: Report) -> bytes:
    """The report as an XLSX workbook: title row, header, one row per cluster, totals row, notes, chart."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = str(report.year)
    headers = _headers()
    sheet.cell(row=1, column=1, value=title(report)).font = Font(bold=True, size=14)
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(headers))
    thin = Side(style="thin", color="999999")
    for column, (header, width, _format) in enumerate(headers, start=1):
        cell = sheet.cell(row=HEADER_ROW, column=column, value=header)
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = PatternFill("solid", fgColor="1F4E79")
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        sheet.column_dimensions[get_column_letter(column)].width = width
    body = [_values(row) for row in report.rows]
    for offset, values in enumerate([*body, _total_values(report)], start=HEADER_ROW + 1):
        for column, (value, (_header, _width, number_format)) in enumerate(
            zip(values, headers, strict=True), 1
        ):
            cell = sheet.cell(row=offset, column=column, value=formula_safe(value))
            cell.border = Border(bottom=thin)
            if number_format:
                cell.number_format = number_format
    totals_row = HEADER_ROW + len(body) + 1
    for column in range(1, len(headers) + 1):
        sheet.cell(row=totals_row, column=column).font = Font(bold=True)
    sheet.freeze_panes = sheet.cell(row=HEADER_ROW + 1, column=2)
    _notes(sheet, report, totals_row + 2)
    _chart(sheet, report, totals_row)
    sheet.print_options.gridLines = False
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def notes(report: Report) -> list[str]:
    """The sentences printed under the table in every format."""
    lines = [
        _("Clusters reporting: %(reported)s of %(expected)s (%(percent)s %%).")
        % {"reported": len(report.rows), "expected": report.expected_clusters, "percent": report.completeness}
    ]
    if report.unique_companies:
        lines.append(
            _(
                "Member companies the directory lists for these clusters, each counted once: %(unique)s "
                "(the clusters reported %(sum)s members in total)."
            )
            % {"unique": _number(report.unique_companies), "sum": _number(report.members)}
        )
    else:
        lines.append(
            _(
                "The directory lists no member companies of these clusters for %(year)s, so members "
                "cannot be counted once across clusters; the clusters reported %(sum)s members in total."
            )
            % {"year": report.year, "sum": _number(report.members)}
        )
    if report.comparable:
        lines.append(
            _("Growth compares the %(count)s clusters with figures for %(previous)s too.")
            % {"count": len(report.comparable), "previous": report.year - 1}
        )
    else:
        lines.append(
            _("No cluster has approved figures for %(previous)s, so there is no growth to show.")
            % {"previous": report.year - 1}
        )
    for difference in report.differences:
        lines.append(
            _("The network reported %(label)s: %(reported)s; the clusters' figures add up to %(computed)s.")
            % {
                "label": difference.label,
                "reported": _number(difference.reported),
                "computed": _number(difference.computed),
            }
        )
    return lines


def _number(value: int) -> str:
    return formats.number_format(value, use_l10n=True, force_grouping=True)


def _notes(sheet, report: Report, first_row: int) -> None:
    for offset, line in enumerate(notes(report)):
        sheet.cell(row=first_row + offset, column=1, value=formula_safe(line)).font = Font(italic=True)


def _chart(sheet, report: Report, totals_row: int) -> None:
    """A bar chart of turnover and export per cluster, beside the table (a native Excel chart)."""
    if not report.rows:
        return
    chart = BarChart()
    chart.type = "bar"
    chart.title = _("Turnover and export, EUR")
    chart.height, chart.width = 4 + 0.6 * len(report.rows), 18
    data = Reference(sheet, min_col=3, max_col=4, min_row=HEADER_ROW, max_row=totals_row - 1)
    names = Reference(sheet, min_col=1, min_row=HEADER_ROW + 1, max_row=totals_row - 1)
    chart.add_data(data, titles_from_data=True)
    chart.set_categories(names)
    sheet.add_chart(chart, f"{get_column_letter(len(_headers()) + 2)}{HEADER_ROW}")


def csv_lines(report: Report) -> Iterator[str]:
    """The report's table as CSV lines (header, clusters, totals); text cells formula-safe."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)

    def line(values: list) -> str:
        buffer.seek(0)
        buffer.truncate()
        writer.writerow(["" if v is None else formula_safe(v, keep_numbers=False) for v in values])
        return buffer.getvalue()

    yield line([header for header, _width, _format in _headers()])
    for row in report.rows:
        yield line(_csv_numbers(_values(row)))
    yield line(_csv_numbers(_total_values(report)))


def _csv_numbers(values: list) -> list:
    """Shares and growth as fractions rounded to four places (0.1234 = 12.34 %)."""
    return [round(v, 4) if isinstance(v, float) else v for v in values]
