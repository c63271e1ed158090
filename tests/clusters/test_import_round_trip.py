"""Every admin Export re-imports through the matching Import as unchanged: same headers, same spelling."""

import datetime

import pytest
from django.utils import translation
from import_export.formats.base_formats import CSV, XLSX

from clusters.importers import import_clusters, import_contacts, import_members
from clusters.models import Company, Contact, Membership, YearlyFigures
from clusters.resources import ClusterResource, CompanyResource, ContactResource, MembershipResource
from imports.files import Spreadsheet
from tests.factories import (
    ClusterFactory,
    CompanyFactory,
    ContactFactory,
    MembershipFactory,
    SectorFactory,
    YearlyFiguresFactory,
)

FORMATS = {"csv": CSV, "xlsx": XLSX}


def exported(resource, file_format: str) -> Spreadsheet:
    content = FORMATS[file_format]().export_data(resource.export())
    if isinstance(content, str):
        content = content.encode("utf-8")
    return Spreadsheet(f"export.{file_format}", content)


def unchanged(report) -> tuple[int, int, int]:
    return (report.created, report.updated, report.unchanged)


@pytest.fixture
def directory(db):
    sector = SectorFactory(name="ICT")
    it = ClusterFactory(
        name="Latvian IT Cluster", email="it@itbaltic.com", website="http://www.itbaltic.com/"
    )
    food = ClusterFactory(name="Food Cluster", email="", website="")
    YearlyFiguresFactory(cluster=it, year=2016, members=40, turnover_eur=1_000, export_eur=10)
    YearlyFiguresFactory(cluster=it, year=2017, members=43, turnover_eur=101_030_068, export_eur=22_297_308)
    tilde = CompanyFactory(
        name="=Tilde SIA", website="https://tilde.lv/", email="info@tilde.lv", phone="+37167000000",
        category=Company.Category.LARGE, sector=sector,
    )  # fmt: skip
    plain = CompanyFactory(
        name="Ozols SIA", registration_number="", city="", category=Company.Category.RESEARCH
    )
    MembershipFactory(company=tilde, cluster=it, since=datetime.date(2015, 3, 1), role=Membership.Role.BOARD)
    MembershipFactory(company=plain, cluster=food, since=None)
    MembershipFactory(
        company=plain, cluster=it, since=datetime.date(2010, 1, 1), until=datetime.date(2012, 1, 1)
    )
    ContactFactory(
        first_name="Ilze", last_name="Bērziņa", cluster=it, email="ilze@itbaltic.com", phone="+37120000000",
        role=Contact.Role.MANAGER, is_primary=True, is_public=True,
    )  # fmt: skip
    ContactFactory(
        first_name="Jānis", last_name="Ozols", organisation="company", cluster=None, company=tilde, email="",
        is_public=False,
    )  # fmt: skip
    ContactFactory(first_name="Anna", last_name="Liepa", organisation="network", cluster=None, company=None)


@pytest.mark.parametrize("file_format", FORMATS)
@pytest.mark.parametrize("language", ["en", "lv"])
def test_clusters_with_their_figures(directory, file_format, language):
    with translation.override(language):
        source = exported(ClusterResource(), file_format)
    history = YearlyFigures.history.count()

    report = import_clusters(source)

    assert unchanged(report) == (0, 0, 2)
    assert YearlyFigures.history.count() == history


@pytest.mark.parametrize("file_format", FORMATS)
@pytest.mark.parametrize("language", ["en", "lv"])
def test_companies(directory, file_format, language):
    with translation.override(language):
        source = exported(CompanyResource(), file_format)

    report = import_members(source, memberships=False)

    assert unchanged(report) == (0, 0, 2)


@pytest.mark.parametrize("file_format", FORMATS)
@pytest.mark.parametrize("language", ["en", "lv"])
def test_memberships(directory, file_format, language):
    with translation.override(language):
        source = exported(MembershipResource(), file_format)

    report = import_members(source)

    assert unchanged(report) == (0, 0, 3)
    assert Company.objects.count() == 2


@pytest.mark.parametrize("file_format", FORMATS)
@pytest.mark.parametrize("language", ["en", "lv"])
def test_contacts(directory, file_format, language):
    with translation.override(language):
        source = exported(ContactResource(), file_format)

    report = import_contacts(source)

    assert unchanged(report) == (0, 0, 3)


def test_exports_use_the_import_headers_and_labels(directory):
    dataset = CompanyResource().export()

    assert dataset.headers[:3] == ["Company", "Registration number", "Website"]
    tilde = dataset.dict[[row["Company"] for row in dataset.dict].index("'=Tilde SIA")]
    assert (tilde["Category"], tilde["Sector"], tilde["City"]) == ("Large company", "ICT", "Rīga")
    ozols = next(row for row in dataset.dict if row["Company"] == "Ozols SIA")
    assert (ozols["Registration number"], ozols["City"], ozols["Sector"]) == ("", "", "")


def test_a_changed_export_updates_what_changed(directory):
    dataset = MembershipResource().export()
    rows = [[*dataset.headers]] + [list(row) for row in dataset]
    since = dataset.headers.index("Member since")
    first = next(index for index, row in enumerate(rows) if row[since] == "2015-03-01")
    rows[first][since] = "02.03.2015."
    content = "\n".join(",".join(f'"{cell}"' for cell in row) for row in rows).encode()

    report = import_members(Spreadsheet("memberships.csv", content))

    assert unchanged(report) == (0, 1, 2)
    assert Membership.objects.get(since=datetime.date(2015, 3, 2)).role == Membership.Role.BOARD
