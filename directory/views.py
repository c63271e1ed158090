"""Public pages of the directory. Reads come from named querysets; charts and files from their modules."""

import json

from django.conf import settings
from django.core.paginator import Paginator
from django.core.serializers.json import DjangoJSONEncoder
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponsePermanentRedirect,
    HttpResponseRedirect,
    StreamingHttpResponse,
)
from django.shortcuts import get_object_or_404, render
from django.templatetags.static import static
from django.views.decorators.http import require_safe

from clusters import statistics as cluster_statistics
from clusters.models import Cluster, Company, Contact, Membership, Network, NetworkFigures
from core.pagination import uncounted_page
from programmes.models import Project

from . import charts, opendata, years
from .filters import ClusterFilter, CompanyFilter

CLUSTERS_PER_PAGE = 20
COMPANIES_PER_PAGE = 50
MEMBERS_PER_PAGE = 50
RANKING_SIZE = 15


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    context = {
        "network": Network.objects.first(),
        "latest": NetworkFigures.objects.order_by("-year").first(),
        "cluster_count": Cluster.objects.public().count(),
        "member_counts": cluster_statistics.member_counts(
            years.public_year_coverage(), years.public_figures()
        ),
    }
    return render(request, "directory/home.html", context)


@require_safe
def cluster_list(request: HttpRequest) -> HttpResponse:
    filterset = ClusterFilter(request.GET, queryset=Cluster.objects.for_directory())
    clusters = filterset.qs if filterset.is_valid() else Cluster.objects.none()
    page = Paginator(clusters, CLUSTERS_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "directory/cluster_list.html", {"filter": filterset, "page": page})


@require_safe
def cluster_detail(request: HttpRequest, slug: str) -> HttpResponse:
    cluster = get_object_or_404(Cluster.objects.for_profile(), slug=slug)
    members = Membership.objects.for_member_list().filter(cluster=cluster)
    rows = charts.figure_rows(cluster.approved_figures)
    context = {
        "cluster": cluster,
        "projects": Project.objects.for_cluster_profile(cluster),
        "figure_rows": rows,
        # The members the cluster reported (latest approved figures) next to the members listed here.
        "reported": cluster.approved_figures[-1] if cluster.approved_figures else None,
        "members": Paginator(members, MEMBERS_PER_PAGE).get_page(request.GET.get("page")),
        "charts": charts.figures_over_years(id_prefix="cluster", subject=cluster.name, rows=rows)
        if rows
        else None,
    }
    return render(request, "directory/cluster_detail.html", context)


@require_safe
def company_list(request: HttpRequest) -> HttpResponse:
    filterset = CompanyFilter(request.GET, queryset=Company.objects.for_directory())
    companies = filterset.qs if filterset.is_valid() else Company.objects.none()
    page = uncounted_page(companies, request.GET, COMPANIES_PER_PAGE)
    return render(request, "directory/company_list.html", {"filter": filterset, "page": page})


@require_safe
def company_detail(request: HttpRequest, slug: str) -> HttpResponse:
    company = get_object_or_404(Company.objects.for_profile(), slug=slug)
    return render(request, "directory/company_detail.html", {"company": company})


@require_safe
def statistics(request: HttpRequest) -> HttpResponse:
    """Totals per published year (complete years as a trend, the others apart), and one chosen year's
    sectors and ranking (``?year=``, default the latest complete year)."""
    # Published years only: a reporting round's figures join the totals when staff publish it.
    coverage = years.public_year_coverage()
    figures = years.public_figures()
    per_year = cluster_statistics.with_coverage(figures.totals_per_year(), coverage)
    year = cluster_statistics.chosen_year(request.GET.get("year"), coverage)
    per_sector = list(figures.filter(year=year).totals_per_sector())
    ranking = list(Cluster.objects.public().largest_by_turnover(year)[:RANKING_SIZE])
    growth = (
        NetworkFigures.objects.filter(
            export_growth_latvia_pct__isnull=False, export_growth_clusters_pct__isnull=False
        )
        .order_by("-year")
        .first()
    )
    complete = [row for row in per_year if row["complete"]]
    network_figures = list(NetworkFigures.objects.order_by("year"))
    context = {
        "per_year": per_year,
        "complete_years": complete,
        "incomplete_years": [row for row in per_year if not row["complete"]],
        "year": year,
        "year_coverage": coverage.get(year),
        "years": sorted(coverage, reverse=True),
        "latest_complete_year": cluster_statistics.latest_complete_year(coverage),
        "per_sector": per_sector,
        "ranking": ranking,
        "growth": growth,
        "network_figures": network_figures,
        "network_latest": network_figures[-1] if network_figures else None,
        "member_counts": cluster_statistics.member_counts(coverage, figures),
        "charts": charts.statistics_charts(complete, per_sector, ranking, growth, year=year),
    }
    return render(request, "directory/statistics.html", context)


@require_safe
def open_data(request: HttpRequest) -> HttpResponse:
    return render(request, "directory/open_data.html", {"licence": opendata.LICENCE})


@require_safe
def clusters_json(request: HttpRequest) -> HttpResponse:
    document = opendata.clusters_document(request.build_absolute_uri)
    response = HttpResponse(
        json.dumps(document, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    response["Access-Control-Allow-Origin"] = "*"
    return response


@require_safe
def clusters_csv(request: HttpRequest) -> HttpResponse:
    lines = opendata.csv_lines(opendata.cluster_rows(request.build_absolute_uri))
    return _csv_response(lines, "clusters.csv")


@require_safe
def companies_csv(request: HttpRequest) -> StreamingHttpResponse:
    # Streamed: the file grows with the directory (100 000 companies), the memory use does not.
    lines = opendata.csv_lines(opendata.company_rows(request.build_absolute_uri))
    return _csv_response(lines, "companies.csv")


def _csv_response(lines, filename: str) -> StreamingHttpResponse:
    response = StreamingHttpResponse(lines, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Access-Control-Allow-Origin"] = "*"
    return response


@require_safe
def contact(request: HttpRequest) -> HttpResponse:
    """How to reach the network itself: its address and e-mail, and its chairperson if they consented."""
    context = {
        "network": Network.objects.first(),
        "people": Contact.objects.public()
        .filter(organisation=Contact.Organisation.NETWORK)
        .order_by("role", "person__last_name"),
    }
    return render(request, "directory/contact.html", context)


@require_safe
def favicon(request: HttpRequest) -> HttpResponse:
    """Browsers ask for /favicon.ico whatever the page says: send them to the static file."""
    return HttpResponsePermanentRedirect(static("favicon.ico"))


@require_safe
def robots_txt(request: HttpRequest) -> HttpResponse:
    return render(request, "robots.txt", content_type="text/plain; charset=utf-8")


@require_safe
def privacy(request: HttpRequest) -> HttpResponse:
    context = {
        "network": Network.objects.first(),
        "retention_months": settings.PERSONAL_DATA_RETENTION_MONTHS,
    }
    return render(request, "directory/privacy.html", context)


class _MailtoRedirect(HttpResponseRedirect):
    allowed_schemes = ["mailto"]


def _mailto(address: str) -> HttpResponseRedirect:
    """Send the browser to the mail program. Public pages link here instead of writing mailto: links,
    so that the addresses are not in the page for a harvester to collect."""
    if not address:
        raise Http404
    response = _MailtoRedirect(f"mailto:{address}")
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


@require_safe
def write_to_cluster(request: HttpRequest, slug: str) -> HttpResponse:
    cluster = get_object_or_404(Cluster.objects.public().with_email_check(), slug=slug)
    return _mailto(cluster.public_email)


@require_safe
def write_to_network(request: HttpRequest) -> HttpResponse:
    network = Network.objects.first()
    return _mailto(network.email if network else "")


@require_safe
def write_to_contact(request: HttpRequest, pk: int) -> HttpResponse:
    contact = get_object_or_404(Contact.objects.public().on_public_pages(), pk=pk)
    return _mailto(contact.email)
