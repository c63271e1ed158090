"""The admin's Export: xlsx chosen by default, csv streamed and formula-safe, a huge xlsx written in the
background with a download link."""

import io

import openpyxl
import pytest
from django.urls import reverse
from django.utils import translation

from clusters import admin_export
from imports.models import ExportJob
from tests.factories import CompanyFactory

pytestmark = pytest.mark.django_db

with translation.override("en"):  # the English admin, as the other tests read
    URL = reverse("admin:clusters_company_export")


def test_xlsx_is_the_default_format(staff_client):
    form = staff_client.get(URL).context["form"]

    assert form.fields["format"].initial == "0"
    assert [label for _value, label in form.fields["format"].choices] == ["xlsx", "csv"]


def test_csv_is_streamed_with_every_row_and_formula_safe(staff_client):
    CompanyFactory(name="=HYPERLINK(1)", slug="formula")
    CompanyFactory(name="Ozols SIA", slug="ozols")

    response = staff_client.post(URL, {"format": "1", "resource": "0", "companyresource_name": "on"})

    assert response.streaming
    lines = b"".join(response.streaming_content).decode("utf-8-sig").splitlines()
    assert lines[1:] == ["'=HYPERLINK(1)", "Ozols SIA"]


def test_a_large_xlsx_export_is_written_in_the_background_in_the_lists_order_and_formula_safe(
    staff_client, monkeypatch, export_storage
):
    monkeypatch.setattr(admin_export, "XLSX_MAX_ROWS", 1)
    CompanyFactory(name="=HYPERLINK(1)", slug="formula", sector=None)
    CompanyFactory(name="Ozols SIA", slug="ozols", sector=None)
    CompanyFactory(name="Ābeļziedi SIA", slug="abelziedi", sector=None)

    response = staff_client.post(URL, {"format": "0", "resource": "0", "companyresource_name": "on"})

    job = ExportJob.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("admin:imports_exportjob_change", args=[job.pk])
    page = staff_client.get(response.url)
    assert "being written in the background" in page.text
    download = reverse("admin:imports_exportjob_download", args=[job.pk])
    assert download in page.text
    file = staff_client.get(download)
    assert file["Content-Disposition"].startswith('attachment; filename="Company-')
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(file.streaming_content))).active
    names = [row[0] for row in sheet.iter_rows(values_only=True)]
    assert sorted(names) == sorted(["Company", "'=HYPERLINK(1)", "Ozols SIA", "Ābeļziedi SIA"])
    streamed = staff_client.post(URL, {"format": "1", "resource": "0", "companyresource_name": "on"})
    assert names == b"".join(streamed.streaming_content).decode("utf-8-sig").splitlines()  # the same order
    assert all(cell.data_type == "s" for (cell,) in sheet.iter_rows())  # text, never a formula


def test_an_export_with_a_filter_the_list_does_not_know_is_a_bad_request(staff_client):
    assert staff_client.get(URL, {"nonsense": "1"}).status_code == 400


FIGURES_COLUMNS = [
    "cluster",
    "year",
    "members",
    "turnover_eur",
    "export_eur",
    "consultation_hours",
    "status",
    "source",
]
EVERY_FIGURES_COLUMN = {f"figuresresource_{name}": "on" for name in FIGURES_COLUMNS}


def test_the_figures_export_lists_cluster_and_year_with_status_and_source(staff_client):
    from django.test import Client

    from clusters.models import YearlyFigures
    from tests.factories import ClusterFactory, UserFactory, YearlyFiguresFactory

    cluster = ClusterFactory(name="Wood Cluster")
    YearlyFiguresFactory(cluster=cluster, year=2016, members=30)
    manager = UserFactory()
    cluster.managers.add(manager)
    client = Client()
    client.force_login(manager)
    client.post(
        reverse("portal:figures", args=[cluster.slug]),
        # turnover 5 against 100 000 000 the year before: confirmed, as the form asks
        {"year": 2017, "members": 31, "turnover_eur": 5, "export_eur": 1, "version": "", "checked": "on"},
    )
    assert YearlyFigures.objects.count() == 2

    response = staff_client.post(
        reverse("admin:clusters_yearlyfigures_export"),
        {"format": "1", "resource": "0", **EVERY_FIGURES_COLUMN},
    )

    lines = b"".join(response.streaming_content).decode("utf-8-sig").splitlines()
    assert lines == [
        "Cluster,Year,Number of members,Turnover EUR,Export EUR,Consultation hours,Status,Source",
        "Wood Cluster,2017,31,5,1,,Submitted,Cluster portal",
        "Wood Cluster,2016,30,100000000,40000000,,Approved,Entered in the administration",
    ]


def test_the_figures_export_as_xlsx(staff_client):
    from io import BytesIO

    from openpyxl import load_workbook

    from tests.factories import YearlyFiguresFactory

    YearlyFiguresFactory(year=2017)

    response = staff_client.post(
        reverse("admin:clusters_yearlyfigures_export"),
        {"format": "0", "resource": "0", **EVERY_FIGURES_COLUMN},
    )

    sheet = load_workbook(BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:2] == ("Cluster", "Year")
    assert rows[1][1] == 2017
    assert rows[1][6] == "Approved"


@pytest.mark.parametrize(("language", "sheet_name"), [("lv", "Uzņēmumi"), ("en", "Companies")])
def test_the_xlsx_sheet_is_named_after_the_model_in_the_pages_language(staff_client, language, sheet_name):
    """tablib named every sheet "Tablib Dataset"."""
    CompanyFactory(name="Ozols SIA", slug="ozols")
    with translation.override(language):
        url = reverse("admin:clusters_company_export")

    response = staff_client.post(url, {"format": "0", "resource": "0", "companyresource_name": "on"})

    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == [sheet_name]
    assert [row[0] for row in workbook.active.iter_rows(values_only=True)] == ["Company", "Ozols SIA"]
