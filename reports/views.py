"""The public report pages: 'Latvian Clusters in Numbers' for a year, as a page, XLSX, CSV and SVG.

Unpublished years answer 404, except to staff, who preview them with a notice.
"""

from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.views.decorators.http import require_safe

from . import chart, exports
from .report import Report, build_report, published_years


def _report_or_404(request: HttpRequest, year: int) -> Report:
    staff = request.user.is_active and request.user.is_staff
    report = build_report(year, include_unpublished=staff)
    if report is None:
        raise Http404
    return report


@require_safe
def report_index(request: HttpRequest) -> HttpResponse:
    return render(request, "reports/index.html", {"years": published_years()})


@require_safe
def report_page(request: HttpRequest, year: int) -> HttpResponse:
    report = _report_or_404(request, year)
    context = {"report": report, "chart": chart.report_chart(report), "notes": exports.notes(report)}
    return render(request, "reports/report.html", context)


@require_safe
def report_xlsx(request: HttpRequest, year: int) -> HttpResponse:
    report = _report_or_404(request, year)
    response = HttpResponse(
        exports.xlsx_bytes(report),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="lcn-clusters-in-numbers-{year}.xlsx"'
    return response


@require_safe
def report_csv(request: HttpRequest, year: int) -> StreamingHttpResponse:
    report = _report_or_404(request, year)
    response = StreamingHttpResponse(exports.csv_lines(report), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="lcn-clusters-in-numbers-{year}.csv"'
    return response


@require_safe
def report_svg(request: HttpRequest, year: int) -> HttpResponse:
    report = _report_or_404(request, year)
    svg = render_to_string("reports/chart.svg.html", chart.report_chart(report), request=request)
    response = HttpResponse(svg, content_type="image/svg+xml; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="lcn-clusters-in-numbers-{year}.svg"'
    return response
