"""Open data files: their shape, what they leave out, and CSV cells that cannot run as formulas."""

import csv
import io
import json

import pytest
from django.urls import reverse

from clusters.models import YearlyFigures
from clusters.resources import formula_safe
from tests.directory.directory_data import build_directory
from tests.factories import (
    ClusterFactory,
    CompanyFactory,
    ContactFactory,
    MembershipFactory,
    SectorFactory,
    YearlyFiguresFactory,
)

pytestmark = pytest.mark.django_db


def csv_rows(response) -> list[dict[str, str]]:
    body = b"".join(response.streaming_content).decode()
    return list(csv.DictReader(io.StringIO(body)))


def test_clusters_json_has_the_documented_shape_with_numbers_as_numbers(client):
    cluster = ClusterFactory(
        name="Green Energy",
        slug="green-energy",
        website="https://green.example.lv/",
        email="info@green.example.lv",
        sectors=[SectorFactory(name_lv="Enerģētika", name_en="Energy", slug="energy")],
        description_lv="Zaļā enerģija",
        description_en="Green energy",
    )
    YearlyFiguresFactory(
        cluster=cluster, year=2017, members=30, turnover_eur=1_762_000_000, export_eur=610_000_000
    )
    YearlyFiguresFactory(cluster=cluster, year=2016, members=25)
    YearlyFiguresFactory(cluster=cluster, year=2018, status=YearlyFigures.Status.SUBMITTED)
    response = client.get(reverse("clusters:open-data-clusters-json"))
    assert response["Content-Type"] == "application/json; charset=utf-8"
    document = json.loads(response.content)
    unsourced = dict.fromkeys(["source", "source_file", "source_sheet"], "") | dict.fromkeys(
        ["source_row", "imported_at", "submitted_at", "approved_at"]
    )
    assert document["licence"] == "CC BY 4.0"
    assert document["source"]
    assert document["clusters"] == [
        {
            "name": "Green Energy",
            "slug": "green-energy",
            "url": "http://testserver/en/clusters/green-energy/",
            "website": "https://green.example.lv/",
            "email": "info@green.example.lv",
            "sectors": ["Energy"],
            "sectors_lv": ["Enerģētika"],
            "sectors_en": ["Energy"],
            "description_lv": "Zaļā enerģija",
            "description_en": "Green energy",
            "lcn_member": True,
            "figures": [
                {
                    "year": 2016,
                    "members": 25,
                    "turnover_eur": 100_000_000,
                    "export_eur": 40_000_000,
                    **unsourced,
                },
                {
                    "year": 2017,
                    "members": 30,
                    "turnover_eur": 1_762_000_000,
                    "export_eur": 610_000_000,
                    **unsourced,
                },
            ],
        }
    ]


def test_clusters_json_leaves_out_inactive_clusters_and_contact_persons(client):
    ClusterFactory(name="Closed", is_active=False)
    ContactFactory(cluster=ClusterFactory(name="Open"), is_public=True, email="person@example.lv")
    body = client.get(reverse("clusters:open-data-clusters-json")).content.decode()
    assert [cluster["name"] for cluster in json.loads(body)["clusters"]] == ["Open"]
    assert "person@example.lv" not in body


def test_clusters_csv_has_a_row_per_cluster_and_approved_year(client):
    cluster = ClusterFactory(name="Wood", slug="wood")
    YearlyFiguresFactory(cluster=cluster, year=2016, members=5)
    YearlyFiguresFactory(cluster=cluster, year=2017, members=6)
    YearlyFiguresFactory(cluster=cluster, year=2018, members=7, status=YearlyFigures.Status.DRAFT)
    ClusterFactory(name="New", slug="new")
    response = client.get(reverse("clusters:open-data-clusters-csv"))
    assert response["Content-Disposition"] == 'attachment; filename="clusters.csv"'
    rows = csv_rows(response)
    assert [(row["slug"], row["year"], row["members"]) for row in rows] == [
        ("new", "", ""),
        ("wood", "2016", "5"),
        ("wood", "2017", "6"),
    ]


def test_companies_csv_lists_companies_with_their_current_clusters(client):
    cluster = ClusterFactory(slug="photonics")
    company = CompanyFactory(
        name="Laser Works SIA", registration_number="40003000007", description_lv="Lāzeri", description_en=""
    )
    MembershipFactory(company=company, cluster=cluster)
    MembershipFactory(company=company, until="2016-01-01")
    rows = csv_rows(client.get(reverse("clusters:open-data-companies-csv")))
    assert rows == [
        {
            "name": "Laser Works SIA",
            "slug": company.slug,
            "url": f"http://testserver/en/companies/{company.slug}/",
            "registration_number": "40003000007",
            "website": "",
            "city": "Rīga",
            "sector": "",
            "category": "sme",
            "clusters": "photonics",
            "sector_lv": "",
            "sector_en": "",
            "description_lv": "Lāzeri",
            "description_en": "",
        }
    ]


@pytest.mark.parametrize("dangerous", ["=HYPERLINK(1)", "+1", "-1+2", "@SUM(A1)", "\tx", "\rx"])
def test_csv_cells_that_would_start_a_formula_are_quoted(client, dangerous):
    CompanyFactory(name=dangerous)
    ClusterFactory(name=dangerous)
    [company] = csv_rows(client.get(reverse("clusters:open-data-companies-csv")))
    [cluster] = csv_rows(client.get(reverse("clusters:open-data-clusters-csv")))
    assert company["name"] == "'" + dangerous
    assert cluster["name"] == "'" + dangerous


def test_formula_safe_leaves_numbers_and_ordinary_text_alone():
    assert formula_safe(-5, keep_numbers=False) == -5
    assert formula_safe("Wood-tech", keep_numbers=False) == "Wood-tech"
    assert formula_safe("", keep_numbers=False) == ""


@pytest.mark.parametrize("rows", [1, 21])
@pytest.mark.parametrize(
    ("name", "queries"),
    [("open-data-clusters-json", 3), ("open-data-clusters-csv", 3), ("open-data-companies-csv", 2)],
)
def test_open_data_queries_do_not_grow_with_the_rows(client, django_assert_num_queries, rows, name, queries):
    build_directory(rows)
    with django_assert_num_queries(queries):
        response = client.get(reverse(f"clusters:{name}"))
        if response.streaming:
            b"".join(response.streaming_content)
