"""Spreadsheet artefacts in any column of any importer: formula cells use the value saved with them or
are refused, error values are refused, rows of empty-valued formulas are blank."""

import pytest

from clusters.importers import ImportFailed, import_clusters, import_contacts, import_members
from clusters.models import Cluster, Company, Contact
from tests.clusters.spreadsheets import CONTACTS_HEADER, FIGURES_HEADER, MEMBERS_HEADER
from tests.factories import ClusterFactory, CompanyFactory, make_registration_number
from tests.imports.workbooks import E, F, xlsx_cells

REG = make_registration_number(4)


@pytest.fixture
def it_cluster(db):
    return ClusterFactory(name="Latvian IT Cluster", slug="latvian-it-cluster")


def member(company: object = "SIA Pareizais", city: object = "Rīga") -> list[object]:
    return [company, REG, "Latvian IT Cluster", "2015", "", "", "", city, ""]


def errors_of(action) -> list[tuple]:
    with pytest.raises(ImportFailed) as failure:
        action()
    return [(error.row, error.column) for error in failure.value.errors]


def test_a_formula_with_a_saved_value_imports_that_value_and_says_so(it_cluster):
    company = CompanyFactory(name="Old name", registration_number=REG)

    report = import_members(xlsx_cells([MEMBERS_HEADER, member(company=F("=TRIM(J2)", "SIA Pareizais"))]))

    company.refresh_from_db()
    assert company.name == "SIA Pareizais"
    assert any("Formula cells" in note and "row 2 “Company”" in note for note in report.notes)


def test_a_formula_without_a_saved_value_is_refused_and_renames_nothing(it_cluster):
    company = CompanyFactory(name="Old name", registration_number=REG)

    source = xlsx_cells([MEMBERS_HEADER, member(company=F("=TRIM(J2)"))])
    with pytest.raises(ImportFailed) as failure:
        import_members(source)

    assert [(error.row, error.column, error.value) for error in failure.value.errors] == [
        (2, "Company", "=TRIM(J2)")
    ]
    company.refresh_from_db()
    assert company.name == "Old name"


@pytest.mark.parametrize("error", ["#N/A", "#REF!", "#VALUE!", "#DIV/0!", "#NAME?", "#NUM!", "#NULL!"])
@pytest.mark.parametrize("as_text", [True, False], ids=["pasted-as-text", "error-cell"])
def test_error_values_are_refused_in_any_member_column(it_cluster, error, as_text):
    cell = error if as_text else E(error)

    errors = errors_of(
        lambda: import_members(xlsx_cells([MEMBERS_HEADER, member(city=cell), member(company=cell)]))
    )

    assert errors == [(2, "City"), (3, "Company")]
    assert not Company.objects.exists()


def test_a_formula_whose_saved_value_is_an_error_is_refused(it_cluster):
    errors = errors_of(
        lambda: import_members(xlsx_cells([MEMBERS_HEADER, member(city=F("=VLOOKUP(A2,X:Y,2)", E("#N/A")))]))
    )

    assert errors == [(2, "City")]


def test_error_values_in_figures_and_contacts(it_cluster):
    figures = [FIGURES_HEADER, ["IT", E("#DIV/0!"), "1", "1", "#N/A", ""]]
    contacts = [CONTACTS_HEADER, ["Ilze", "#REF!", "Latvian IT Cluster", F("=B2"), "", "", ""]]

    assert errors_of(lambda: import_clusters(xlsx_cells(figures), year=2017)) == [
        (2, "Number of members"),
        (2, "Contacts"),
    ]
    assert errors_of(lambda: import_contacts(xlsx_cells(contacts))) == [(2, "Last name"), (2, "Position")]
    assert not Cluster.objects.exclude(pk=it_cluster.pk).exists()
    assert not Contact.objects.exists()


def test_rows_of_empty_valued_template_formulas_are_blank(it_cluster):
    template = [F(f'=IF(J{n}="","",TRIM(J{n}))', "") for n in range(3)] + [None] * 6
    rows = [MEMBERS_HEADER, member(company=F("=TRIM(J2)", "SIA Pareizais")), *([template] * 5)]

    report = import_members(xlsx_cells(rows))

    assert (report.created, len(report.rows)) == (1, 1)


def test_a_number_formula_without_a_saved_value_is_refused_naming_row_and_column(db):
    errors = errors_of(
        lambda: import_clusters(xlsx_cells([FIGURES_HEADER, ["IT", F("=40+3"), "1", "1"]]), year=2017)
    )

    assert errors == [(2, "Number of members")]


def test_bidirectional_overrides_are_removed_from_imported_text(it_cluster):
    import_members(
        xlsx_cells([MEMBERS_HEADER, member(company="SIA \u202eslozO\u202c", city="R\u2066īga\u2069")])
    )

    company = Company.objects.get()
    assert (company.name, company.city) == ("SIA slozO", "Rīga")
