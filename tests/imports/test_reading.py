"""What the reader decides about a file never guesses: headers, sheets, the decimal mark, dates, choices."""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import translation

from clusters.importers import ImportFailed, import_clusters, import_members
from clusters.models import Company, Membership, YearlyFigures
from imports.files import Spreadsheet
from tests.clusters.spreadsheets import FIGURES_HEADER, MEMBERS_HEADER, csv_bytes, csv_file, write
from tests.factories import ClusterFactory, CompanyFactory, make_registration_number
from tests.imports.workbooks import sheet_xml, workbook

REG = make_registration_number(40)


@pytest.fixture
def it_cluster(db):
    return ClusterFactory(name="Latvian IT Cluster", slug="latvian-it-cluster")


def failure_of(action) -> ImportFailed:
    with pytest.raises(ImportFailed) as failure:
        action()
    return failure.value


# --- headers -----------------------------------------------------------------------------------------


def test_an_exact_header_wins_over_an_alias_and_the_alias_is_listed_as_ignored(it_cluster):
    rows = [
        ["Name", "Company", "Registration number", "Cluster", "Email"],
        ["Anna Testa", "SIA Pareizais Nosaukums Test", REG, "Latvian IT Cluster", "anna@pareizais-test.lv"],
    ]

    report = import_members(csv_file(rows))

    assert Company.objects.get().name == "SIA Pareizais Nosaukums Test"
    assert "Ignored columns: “Name” (A)." in report.notes


@pytest.mark.parametrize(
    ("header", "named"),
    [
        (["Name", "Member", "Cluster"], ["“Name” (A)", "“Member” (B)"]),
        (["Company", "Cluster", "company"], ["“Company” (A)", "“company” (C)"]),
    ],
    ids=["two-aliases", "the-same-header-twice"],
)
def test_two_columns_that_could_be_one_field_are_refused_naming_both(it_cluster, header, named):
    failure = failure_of(lambda: import_members(csv_file([header, ["A", "B", "C"]])))

    assert [error.row for error in failure.errors] == [1]
    assert all(name in failure.errors[0].message for name in named)
    assert not Company.objects.exists()


def test_a_header_far_to_the_right_is_read(it_cluster):
    width = 120
    header = [f"Note {n}" for n in range(width)]
    row = ["x"] * width
    for offset, (name, value) in enumerate(
        [("Company", "Tilde SIA"), ("Cluster", "Latvian IT Cluster"), ("City", "Cēsis")]
    ):
        header[110 + offset], row[110 + offset] = name, value

    report = import_members(Spreadsheet("m.xlsx", workbook(("Members", sheet_xml([header, row])))))

    assert (Company.objects.get().name, Company.objects.get().city) == ("Tilde SIA", "Cēsis")
    ignored = next(note for note in report.notes if note.startswith("Ignored columns"))
    assert "“Note 0” (A)" in ignored and "“Note 119” (DP)" in ignored


def test_the_command_prints_the_ignored_columns_and_the_sheet(it_cluster, tmp_path):
    content = workbook(
        ("Members", sheet_xml([["Company", "Cluster", "Remarks"], ["Tilde", "Latvian IT Cluster", "x"]]))
    )
    path = write(tmp_path, Spreadsheet("members.xlsx", content))
    out = StringIO()

    call_command("import_members", str(path), "--dry-run", stdout=out)

    assert "Sheet read: “Members”." in out.getvalue()
    assert "Ignored columns: “Remarks” (C)." in out.getvalue()


# --- sheets ------------------------------------------------------------------------------------------

MEMBERS_SHEET = sheet_xml([["Company", "Cluster"], ["Tilde SIA", "Latvian IT Cluster"]])
OLD_SHEET = sheet_xml([["Company", "Cluster"], ["Old list SIA", "Latvian IT Cluster"]])


def test_a_hidden_first_sheet_is_skipped(it_cluster):
    content = workbook(("Old", OLD_SHEET), ("Members", MEMBERS_SHEET), hidden=("Old",), active=0)

    report = import_members(Spreadsheet("m.xlsx", content))

    assert Company.objects.get().name == "Tilde SIA"
    assert "Sheet read: “Members”." in report.notes


def test_the_active_sheet_is_read(it_cluster):
    content = workbook(("Old", OLD_SHEET), ("Members", MEMBERS_SHEET), active=1)

    import_members(Spreadsheet("m.xlsx", content))

    assert Company.objects.get().name == "Tilde SIA"


def test_the_sheet_option_chooses_and_an_unknown_sheet_is_refused(it_cluster, tmp_path):
    path = write(tmp_path, Spreadsheet("m.xlsx", workbook(("Members", MEMBERS_SHEET), ("Old", OLD_SHEET))))
    out = StringIO()

    call_command("import_members", str(path), "--sheet", "Old", stdout=out)

    assert Company.objects.get().name == "Old list SIA"
    failure = failure_of(lambda: import_members(path, sheet="Nope"))
    assert "“Members”, “Old”" in failure.errors[0].message


# --- the decimal mark --------------------------------------------------------------------------------


def test_a_semicolon_file_has_a_decimal_comma_so_cents_are_refused(db):
    rows = [
        ["Latvian Clusters in Numbers (2018)"],
        ["Cluster", "Number of members", "Turnover EUR", "Export EUR"],
        ["Latvian IT Cluster", "61", "1 234,567", "2,500"],
    ]

    failure = failure_of(lambda: import_clusters(csv_file(rows, delimiter=";")))

    assert [(error.row, error.column) for error in failure.errors] == [(3, "Turnover EUR"), (3, "Export EUR")]
    assert all("whole number" in error.message for error in failure.errors)
    assert not YearlyFigures.objects.exists()


@pytest.mark.parametrize(
    ("delimiter", "cells", "numbers"),
    [
        (";", ["1.234.567", "2,00"], (1_234_567, 2)),
        (",", ["1,234,567", "2,500"], (1_234_567, 2_500)),
        (",", ["1.234.567", "2.500"], (1_234_567, 2_500)),
        ("\t", ["1 234 567", "2500"], (1_234_567, 2_500)),
    ],
    ids=["semicolon-dot-groups", "comma-groups-decide", "dot-groups-decide", "spaces"],
)
def test_the_decimal_mark_is_decided_once_for_the_file(db, delimiter, cells, numbers):
    rows = [FIGURES_HEADER[:4], ["IT", "1", *cells]]

    import_clusters(
        csv_file(rows, delimiter=delimiter, name="f.tsv" if delimiter == "\t" else "f.csv"), year=2017
    )

    figures = YearlyFigures.objects.get()
    assert (figures.turnover_eur, figures.export_eur) == numbers


def test_numbers_written_with_both_marks_in_one_file_are_refused(db):
    rows = [FIGURES_HEADER[:4], ["IT", "1", "1,234,567.00", "2,500"], ["Food", "1", "1.234.567,00", "1"]]

    failure = failure_of(lambda: import_clusters(csv_file(rows), year=2017))

    assert [(error.row, error.column) for error in failure.errors] == [(2, "Export EUR")]


def test_a_semicolon_file_with_comma_groups_is_refused(db):
    rows = [FIGURES_HEADER[:4], ["IT", "1", "1,234,567", "1"]]

    failure = failure_of(lambda: import_clusters(csv_file(rows, delimiter=";"), year=2017))

    assert [(error.row, error.column) for error in failure.errors] == [(2, "Turnover EUR")]


# --- one value per cell ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "phone",
    [
        "67000005, 29000005",
        "67000005; 29000005",
        "+371 67000005 / 29000005",
        "67000005 ext. 12",
        "67000005 vai 29000005",
    ],
)
def test_a_phone_cell_with_two_numbers_or_an_extension_is_refused(it_cluster, phone):
    rows = [["Company", "Cluster", "Phone"], ["Tilde", "Latvian IT Cluster", phone]]

    failure = failure_of(lambda: import_members(csv_file(rows)))

    assert [(error.row, error.column) for error in failure.errors] == [(2, "Phone")]


@pytest.mark.parametrize("phone", ["67000005", "+371 67000005", "00371 67 000 005", "+371 2000 0000"])
def test_one_phone_number_is_accepted(it_cluster, phone):
    import_members(csv_file([["Company", "Cluster", "Phone"], ["Tilde", "Latvian IT Cluster", phone]]))

    assert str(Company.objects.get().phone).startswith("+371")


# --- Latvian spellings -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "written", ["01.03.2015.", "2015.03.01.", "2015-03-01 00:00:00", "1.3.2015", "2015-03-01"]
)
def test_latvian_and_date_time_spellings_of_a_date(it_cluster, written):
    import_members(
        csv_file([["Company", "Cluster", "Member since"], ["Tilde", "Latvian IT Cluster", written]])
    )

    assert Membership.objects.get().since == datetime.date(2015, 3, 1)


@pytest.mark.parametrize("written", ["2015-03-01 13:45:00", "32.01.2015.", "2015.13.01."])
def test_a_date_with_a_time_of_day_or_that_does_not_exist_is_refused(it_cluster, written):
    rows = [["Company", "Cluster", "Member since"], ["Tilde", "Latvian IT Cluster", written]]

    failure = failure_of(lambda: import_members(csv_file(rows)))

    assert [(error.row, error.column) for error in failure.errors] == [(2, "Member since")]


@pytest.mark.parametrize("language", ["en", "lv"])
@pytest.mark.parametrize(
    ("written", "category"),
    [
        ("MVU", "sme"),
        ("SME", "sme"),
        ("Large company", "large"),
        ("Liels uzņēmums", "large"),
        ("large", "large"),
    ],
)
def test_a_choice_is_read_in_either_language_whatever_the_interface_language(
    it_cluster, language, written, category
):
    rows = [["Company", "Cluster", "Category"], ["Tilde", "Latvian IT Cluster", written]]

    with translation.override(language):
        import_members(csv_file(rows))

    assert Company.objects.get().category == category


def test_the_preview_shows_labels_and_every_changed_field(it_cluster):
    company = CompanyFactory(name="Tilde", registration_number=REG, category="sme")
    company.memberships.create(cluster=it_cluster, since=datetime.date(2014, 1, 1))
    rows = [
        MEMBERS_HEADER,
        ["Tilde", REG, "Latvian IT Cluster", "01.03.2015.", "", "", "", "", "Large company"],
    ]

    report = import_members(csv_bytes_file(rows), dry_run=True)

    assert "member category: SME → Large company" in report.lines[0]
    assert "member since: 2014-01-01 → 2015-03-01" in report.lines[0]


def csv_bytes_file(rows) -> Spreadsheet:
    return Spreadsheet("members.csv", csv_bytes(rows))
