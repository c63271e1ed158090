"""Member companies: matching, memberships, clean-up, errors by row, all-or-nothing."""

import datetime

import pytest
from django.db import connection

from clusters.importers import ImportFailed, import_members
from clusters.models import Company, Membership
from tests.clusters.spreadsheets import MEMBERS_HEADER, csv_file, xlsx
from tests.factories import ClusterFactory, CompanyFactory, MembershipFactory, make_registration_number

REG_A = make_registration_number(900_001)
REG_B = make_registration_number(900_002)


def member(company="Accenture SIA", reg=REG_A, cluster="Latvian IT Cluster", since="01.03.2015", website="",
           email="", phone="", city="", category=""):  # fmt: skip
    return [company, reg, cluster, since, website, email, phone, city, category]


@pytest.fixture
def it_cluster(db):
    return ClusterFactory(name="Latvian IT Cluster", slug="latvian-it-cluster")


def test_members_are_created_with_clean_values(it_cluster):
    row = member(
        website="www.accenture.lv\u200b", email="Info@Accenture.LV", phone="67 000 000", city=" Rīga ",
        category="large company",
    )  # fmt: skip

    report = import_members(xlsx([MEMBERS_HEADER, row]))

    company = Company.objects.get()
    assert report.created == 1
    assert (company.name, company.slug, company.registration_number) == (
        "Accenture SIA",
        "accenture-sia",
        REG_A,
    )
    assert (company.website, company.email, str(company.phone)) == (
        "https://www.accenture.lv", "info@accenture.lv", "+37167000000",
    )  # fmt: skip
    assert (company.city, company.category) == ("Rīga", Company.Category.LARGE)
    membership = Membership.objects.get()
    assert (membership.cluster, membership.since) == (it_cluster, datetime.date(2015, 3, 1))
    assert company.history.count() == membership.history.count() == 1


def test_a_company_matches_by_registration_number_even_when_renamed(it_cluster):
    company = CompanyFactory(name="Old name SIA", registration_number=REG_A)

    report = import_members(csv_file([MEMBERS_HEADER, member(company="New name SIA")]))

    company.refresh_from_db()
    assert Company.objects.get() == company
    assert company.name == "New name SIA"
    assert "Old name SIA → New name SIA" in report.lines[0]


def test_a_company_without_number_matches_by_normalised_name(it_cluster):
    company = CompanyFactory(name="Accenture, SIA", registration_number="")

    import_members(csv_file([MEMBERS_HEADER, member(company="ACCENTURE SIA")]))

    company.refresh_from_db()
    assert Company.objects.get() == company
    assert company.registration_number == REG_A


def test_the_same_name_with_another_number_is_another_company(it_cluster):
    CompanyFactory(name="Accenture SIA", slug="accenture-sia", registration_number=REG_B)

    import_members(csv_file([MEMBERS_HEADER, member()]))

    assert sorted(Company.objects.values_list("slug", flat=True)) == ["accenture-sia", "accenture-sia-2"]


def test_one_company_in_several_clusters(it_cluster):
    food = ClusterFactory(name="Food Product Quality Cluster")
    rows = [MEMBERS_HEADER, member(), member(cluster="food-product-quality-cluster", reg="")]

    import_members(csv_file(rows))

    assert Company.objects.count() == 1
    assert set(Membership.objects.values_list("cluster", flat=True)) == {it_cluster.pk, food.pk}


def test_the_cluster_option_replaces_the_column(it_cluster):
    header = [column for column in MEMBERS_HEADER if column != "Cluster"]
    row = ["Accenture SIA", REG_A, "2015", "", "", "", "", ""]

    import_members(csv_file([header, row]), cluster="latvian-it-cluster")

    assert Membership.objects.get().since == datetime.date(2015, 1, 1)


def test_an_unknown_cluster_option_is_an_error(it_cluster):
    with pytest.raises(ImportFailed, match="no cluster"):
        import_members(csv_file([MEMBERS_HEADER, member()]), cluster="nope")


def test_reimporting_changes_nothing(it_cluster):
    rows = [MEMBERS_HEADER, member(), member(company="Tilde SIA", reg=REG_B, since="")]
    import_members(xlsx(rows))

    report = import_members(xlsx(rows))

    assert (report.created, report.updated, report.unchanged) == (0, 0, 2)
    assert Company.history.count() == Membership.history.count() == 2


def test_a_changed_since_date_updates_the_current_membership(it_cluster):
    membership = MembershipFactory(cluster=it_cluster, company__registration_number=REG_A)

    report = import_members(csv_file([MEMBERS_HEADER, member(since="2016-05-01")]), dry_run=True)
    assert "2015-01-01 → 2016-05-01" in report.lines[0]
    membership.refresh_from_db()
    assert membership.since == datetime.date(2015, 1, 1)

    import_members(csv_file([MEMBERS_HEADER, member(since="2016-05-01")]))
    membership.refresh_from_db()
    assert membership.since == datetime.date(2016, 5, 1)


def test_an_ended_membership_gets_a_new_current_one(it_cluster):
    MembershipFactory(cluster=it_cluster, company__registration_number=REG_A, until=datetime.date(2016, 1, 1))

    report = import_members(csv_file([MEMBERS_HEADER, member(since="2018-01-01")]))

    assert report.created == 1
    assert Membership.objects.current().get().since == datetime.date(2018, 1, 1)


@pytest.mark.parametrize("written", ["sme", "SME", "Large company", "RESEARCH organisation", "university"])
def test_category_accepts_values_and_labels(it_cluster, written):
    import_members(csv_file([MEMBERS_HEADER, member(category=written)]))

    assert Company.objects.get().category in Company.Category.values


def test_every_problem_is_listed_by_row_and_nothing_is_written(it_cluster):
    rows = [
        ["Members of the Latvian IT Cluster"],
        MEMBERS_HEADER,
        member(),
        member(company="Bad number", reg="40003000019"),
        member(company="Personal code", reg="12345678901", cluster="No such cluster"),
        member(company="", reg=REG_B, since="31.02.2015", phone="12", email="a@", category="giant"),
        member(company="Accenture SIA", reg=REG_A),
    ]

    with pytest.raises(ImportFailed) as failure:
        import_members(csv_file(rows, delimiter=";"))

    assert [(e.row, e.column) for e in failure.value.errors] == [
        (4, "Registration number"),
        (5, "Registration number"),
        (5, "Cluster"),
        (6, "Company"),
        (6, "Member since"),
        (6, "Email"),
        (6, "Phone"),
        (6, "Category"),
    ]
    assert not Company.objects.exists()


def test_the_same_membership_twice_and_contradicting_rows_are_errors(it_cluster):
    rows = [MEMBERS_HEADER, member(city="Rīga"), member(city="Cēsis"), member(company="Tilde", reg=REG_B)]
    rows.append(member(company="Tilde", reg=REG_B))

    with pytest.raises(ImportFailed) as failure:
        import_members(csv_file(rows))

    assert [(e.row, e.column) for e in failure.value.errors] == [(3, "City"), (5, "Cluster")]
    assert not Membership.objects.exists()


def test_a_bad_row_in_the_middle_leaves_nothing_written(it_cluster):
    rows = [
        MEMBERS_HEADER,
        *(member(company=f"Company {n}", reg=make_registration_number(n)) for n in range(5)),
    ]
    rows.insert(3, member(company="Broken", reg="", email="not an email"))

    with pytest.raises(ImportFailed):
        import_members(csv_file(rows))

    assert not Company.objects.exists()
    assert not Company.history.exists()


def test_a_database_refusal_at_write_time_fails_cleanly_and_writes_nothing(it_cluster):
    if connection.vendor != "sqlite":
        pytest.skip("the refusing trigger is written in SQLite's dialect")
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE TRIGGER refuse_memberships BEFORE INSERT ON clusters_membership "
            "BEGIN SELECT RAISE(ABORT, 'refused'); END"
        )

    with pytest.raises(ImportFailed, match="database refused"):
        import_members(csv_file([MEMBERS_HEADER, member()]))

    assert not Company.objects.exists()
    assert not Company.history.exists()
