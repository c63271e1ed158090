"""/reports/<year>/ and its files: approved, published figures only, agreeing with /statistics/ and the
open data to the euro."""

import csv
import datetime
import io
import json

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from clusters.models import YearlyFigures
from reports.models import ReportingRound
from reports.report import build_report, published_years
from tests.factories import (
    ClusterFactory,
    ContactFactory,
    MembershipFactory,
    NetworkFiguresFactory,
    YearlyFiguresFactory,
)

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2019, 4, 1, tzinfo=datetime.UTC)


def two_years(count: int = 2) -> list:
    """`count` clusters with approved 2017 and 2018 figures; the first also has a 2018 submission."""
    clusters = []
    for n in range(count):
        cluster = ClusterFactory(name=f"Cluster {chr(65 + n)}")
        YearlyFiguresFactory(
            cluster=cluster, year=2017, members=10, turnover_eur=1_000_000, export_eur=400_000
        )
        YearlyFiguresFactory(
            cluster=cluster, year=2018, members=12 + n, turnover_eur=1_100_000 + n, export_eur=500_000 + n
        )
        clusters.append(cluster)
    YearlyFiguresFactory(cluster=clusters[0], year=2018, members=999, status=YearlyFigures.Status.SUBMITTED)
    return clusters


def test_the_report_sums_approved_figures_with_growth_and_share(client):
    two_years()
    ClusterFactory(name="Silent Cluster")  # a member that did not report
    report = client.get(reverse("reports:report", args=[2018])).context["report"]

    assert [row.members for row in report.rows] == [12, 13]
    assert (report.members, report.turnover, report.export) == (25, 2_200_001, 1_000_001)
    assert report.rows[0].turnover_growth == pytest.approx(0.1)
    assert report.export_growth == pytest.approx(1_000_001 / 800_000 - 1)
    assert report.export_share == pytest.approx(1_000_001 / 2_200_001)
    assert (len(report.rows), report.expected_clusters, report.completeness) == (2, 3, 67)


def test_the_page_names_only_consenting_contacts_and_counts_companies_once(client):
    first, second = two_years()
    ContactFactory(cluster=first, first_name="Public", last_name="Person", is_public=True)
    ContactFactory(cluster=first, first_name="Private", last_name="Person", is_public=False)
    shared = MembershipFactory(cluster=first).company
    MembershipFactory(cluster=second, company=shared)
    MembershipFactory(cluster=second, since=datetime.date(2019, 2, 1))  # joined after 2018

    page = client.get(reverse("reports:report", args=[2018]))

    text = page.content.decode()
    assert "Public Person" in text and "Private Person" not in text
    assert page.context["report"].unique_companies == 1
    assert "each counted once: 1 (the clusters reported 25 members in total)" in text


def test_the_networks_own_totals_are_shown_where_they_differ(client):
    two_years()
    NetworkFiguresFactory(year=2018, members=580, member_clusters=2, turnover_eur=None, export_eur=None)
    page = client.get(reverse("reports:report", args=[2018]))
    differences = page.context["report"].differences
    assert [(d.reported, d.computed) for d in differences] == [(580, 25)]
    assert "The network reported" in page.content.decode()


def test_an_unpublished_round_is_out_of_the_public_totals_until_published(staff_client):
    client = Client()  # anonymous; staff_client is logged in
    two_years()
    round = ReportingRound.objects.create(year=2018, deadline=datetime.date(2019, 3, 31), opened_at=NOW)

    assert published_years() == [2017]
    assert client.get(reverse("reports:report", args=[2018])).status_code == 404
    assert client.get(reverse("reports:report-xlsx", args=[2018])).status_code == 404
    stats = client.get(reverse("clusters:statistics")).context["per_year"]
    assert [row["year"] for row in stats] == [2017]
    preview = staff_client.get(reverse("reports:report", args=[2018]))
    assert preview.status_code == 200 and "Preview for staff" in preview.content.decode()

    round.published_at = NOW
    round.save()
    assert published_years() == [2018, 2017]
    assert client.get(reverse("reports:report", args=[2018])).status_code == 200


def test_report_statistics_and_open_data_agree_to_the_euro(client):
    two_years(3)
    report = build_report(2018)
    stats = {row["year"]: row for row in client.get(reverse("clusters:statistics")).context["per_year"]}
    document = json.loads(client.get(reverse("clusters:open-data-clusters-json")).content)
    open_rows = [f for c in document["clusters"] for f in c["figures"] if f["year"] == 2018]

    computed = (report.members, report.turnover, report.export)
    assert computed == (stats[2018]["members"], stats[2018]["turnover"], stats[2018]["export"])
    assert computed == tuple(
        sum(f[key] for f in open_rows) for key in ["members", "turnover_eur", "export_eur"]
    )


def test_the_xlsx_is_laid_out_like_the_printed_table(client):
    two_years()
    response = client.get(reverse("reports:report-xlsx", args=[2018]))
    assert response["Content-Disposition"] == 'attachment; filename="lcn-clusters-in-numbers-2018.xlsx"'
    sheet = load_workbook(io.BytesIO(response.content)).active

    assert sheet["A1"].value == "Latvian Clusters in Numbers (2018)" and sheet["A1"].font.bold
    assert [cell.value for cell in sheet[3]][:4] == ["Cluster", "Members", "Turnover, EUR", "Export, EUR"]
    assert [cell.value for cell in sheet[4]][:4] == ["Cluster A", 12, 1_100_000, 500_000]
    assert [cell.value for cell in sheet[6]][:4] == ["Total", 25, 2_200_001, 1_000_001]
    assert sheet["F6"].value == pytest.approx(2_200_001 / 2_000_000 - 1)
    assert (
        sheet["C6"].font.bold and sheet["C4"].number_format == "#,##0" and sheet["E4"].number_format == "0.0%"
    )
    assert sheet.freeze_panes == "B4"
    assert len(sheet._charts) == 1


def test_the_csv_is_formula_safe_and_matches_the_totals(client):
    cluster = ClusterFactory(name='=HYPERLINK("http://evil")', website="https://ok.example.lv/")
    YearlyFiguresFactory(cluster=cluster, year=2018, members=5, turnover_eur=10, export_eur=4)
    response = client.get(reverse("reports:report-csv", args=[2018]))
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))

    assert rows[1][0] == '\'=HYPERLINK("http://evil")'
    assert rows[-1][:4] == ["Total", "5", "10", "4"]
    assert rows[1][4] == "0.4"


def test_the_chart_is_an_svg_file_with_a_bar_per_cluster(client):
    two_years(3)
    response = client.get(reverse("reports:report-svg", args=[2018]))
    assert response["Content-Type"] == "image/svg+xml; charset=utf-8"
    svg = response.content.decode()
    assert svg.startswith("<svg") and svg.count('fill="#0b5ed7"') == 3 + 1  # bars and the legend
    assert "Cluster C" in svg


def test_the_report_is_in_latvian_too(client):
    two_years()
    with translation.override("lv"):  # the plain address
        text = client.get(reverse("reports:report", args=[2018])).content.decode()
    assert "Latvijas klasteri skaitļos (2018)" in text and "Kopā" in text


@pytest.mark.parametrize(
    ("name", "queries"),
    [("reports:report", 7), ("reports:report-xlsx", 7), ("reports:report-csv", 7), ("reports:report-svg", 7)],
)
@pytest.mark.parametrize("clusters", [2, 6])
def test_report_queries_do_not_grow_with_the_clusters(
    client, django_assert_num_queries, name, queries, clusters
):
    for cluster in two_years(clusters):
        ContactFactory(cluster=cluster, is_public=True)
        MembershipFactory(cluster=cluster)
    url = reverse(name, args=[2018])
    with django_assert_num_queries(queries):
        response = client.get(url)
        if response.streaming:
            b"".join(response.streaming_content)


def test_years_without_figures_answer_404(client):
    assert client.get(reverse("reports:report", args=[1999])).status_code == 404
    assert client.get(reverse("reports:index")).status_code == 200


def test_without_members_in_the_directory_the_report_says_so_instead_of_counting_zero(client):
    cluster = ClusterFactory(name="Lone Cluster")
    YearlyFiguresFactory(cluster=cluster, year=2018, members=40)
    text = client.get(reverse("reports:report", args=[2018])).content.decode()
    assert "lists no member companies of these clusters for 2018" in text
    assert "counted once: 0" not in text
    assert "No cluster has approved figures for 2017, so there is no growth to show." in text


def test_the_sitemap_lists_published_reports_only(client):
    two_years()
    ReportingRound.objects.create(year=2018, deadline=datetime.date(2019, 3, 31), opened_at=NOW)
    content = client.get("/sitemap-reports.xml").content.decode()
    assert "http://testserver/reports/2017/" in content and "/reports/2018/" not in content
    assert "http://testserver/reports/" in client.get("/sitemap-pages.xml").content.decode()


def test_the_table_lists_clusters_as_a_latvian_dictionary_does():
    for name in ["Latvian Security Cluster", "Latvian electronics cluster", "Ābeļziedi cluster", "Zaļā"]:
        YearlyFiguresFactory(cluster=ClusterFactory(name=name), year=2018)

    names = [row.cluster.name for row in build_report(2018).rows]

    # Case ignored, and Ā sorts right after A, not after Z as a plain byte order would put it.
    assert names == ["Ābeļziedi cluster", "Latvian electronics cluster", "Latvian Security Cluster", "Zaļā"]
