"""The admin's Export never writes a cell that a spreadsheet program would run as a formula."""

import io

import openpyxl
import pytest
from import_export.formats.base_formats import CSV, XLSX

from clusters.importers import import_clusters
from clusters.resources import ClusterResource, CompanyResource, formula_safe
from tests.clusters.spreadsheets import FIGURES_HEADER, csv_file
from tests.factories import ClusterFactory, CompanyFactory


@pytest.mark.parametrize(
    ("value", "exported"),
    [
        ('=HYPERLINK("http://evil.example","x")', '\'=HYPERLINK("http://evil.example","x")'),
        ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"),
        ("-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"),
        ("@SUM(1+1)", "'@SUM(1+1)"),
        ("\t=1+1", "'\t=1+1"),
        ("+37167000000", "+37167000000"),
        ("-5", "-5"),
        ("Latvian IT Cluster", "Latvian IT Cluster"),
        (43, 43),
    ],
)
def test_formula_safe(value, exported):
    assert formula_safe(value) == exported


@pytest.mark.django_db
def test_an_exported_csv_and_xlsx_show_a_formula_name_as_text():
    ClusterFactory(name='=HYPERLINK("http://evil.example","Click")', slug="evil")
    CompanyFactory(city="@cmd")

    dataset = ClusterResource().export()
    csv_text = CSV().export_data(dataset)
    workbook = openpyxl.load_workbook(io.BytesIO(XLSX().export_data(ClusterResource().export())))

    assert "'=HYPERLINK" in csv_text and "'@cmd" in CSV().export_data(CompanyResource().export())
    values = [cell.value for row in workbook.active.iter_rows() for cell in row if cell.value]
    assert not [value for value in values if isinstance(value, str) and value.startswith(("=", "@"))]
    assert workbook.active.cell(2, 1).data_type != "f"


@pytest.mark.django_db
def test_a_phone_number_is_exported_as_it_is():
    CompanyFactory(phone="+37167000000")

    assert "+37167000000" in CSV().export_data(CompanyResource().export())


@pytest.mark.django_db
def test_a_formula_imported_as_a_name_is_text_and_exported_safely():
    import_clusters(csv_file([FIGURES_HEADER, ["=1+2", "1", "1", "1", "", ""]]), year=2017)

    assert "'=1+2" in CSV().export_data(ClusterResource().export())
