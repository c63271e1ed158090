"""The admin's Export: xlsx chosen by default, csv streamed and formula-safe, a huge xlsx refused."""

import pytest
from django.urls import reverse
from django.utils import translation

from clusters import admin_export
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


def test_a_large_xlsx_export_is_refused_with_a_pointer_to_csv(staff_client, monkeypatch):
    monkeypatch.setattr(admin_export, "XLSX_MAX_ROWS", 1)
    CompanyFactory.create_batch(2)

    response = staff_client.post(
        URL, {"format": "0", "resource": "0", "companyresource_name": "on"}, follow=True
    )

    assert "Choose the csv format" in response.text
    assert not response.get("Content-Disposition")


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
