"""Bounded work: row bombs are refused before any row is read, uploads are cut off while they stream."""

import tracemalloc

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from clusters.importers import ImportFailed, import_members
from clusters.models import Company
from imports.files import Spreadsheet
from tests.clusters.spreadsheets import FIGURES_HEADER
from tests.imports.workbooks import sheet_xml, workbook

MEMBERS = [["Company", "Cluster"], ["Tilde", "Latvian IT Cluster"]]


def refused_within_memory(source: Spreadsheet, match: str) -> None:
    tracemalloc.start()
    try:
        with pytest.raises(ImportFailed, match=match):
            import_members(source)
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 200 * 1024 * 1024
    assert not Company.objects.exists()


@pytest.mark.django_db
def test_an_xlsx_whose_only_row_is_numbered_twenty_million_is_refused_before_reading():
    content = workbook(("Sheet1", sheet_xml([MEMBERS[0]], row_numbers=[20_000_000])))
    assert len(content) < 10_000

    refused_within_memory(Spreadsheet("bomb.xlsx", content), "20 000 000 rows")


@pytest.mark.django_db
def test_an_xlsx_that_declares_twenty_million_rows_is_refused():
    content = workbook(("Sheet1", sheet_xml(MEMBERS, dimension="A1:B20000000")))

    refused_within_memory(Spreadsheet("bomb.xlsx", content), "20 000 000 rows")


@pytest.mark.django_db
def test_an_xlsx_with_cells_at_the_far_right_edge_is_refused():
    rows = [[*MEMBERS[0], *([None] * 16_381), "x"], *MEMBERS[1:]]

    refused_within_memory(
        Spreadsheet("wide.xlsx", workbook(("Sheet1", sheet_xml(rows)))), "beyond column ALL"
    )


@pytest.mark.django_db
def test_a_csv_of_ten_megabytes_of_blank_lines_is_refused():
    content = b"Company,Cluster\n" + b"\n" * 10_000_000

    refused_within_memory(Spreadsheet("bomb.csv", content), "rows, more than")


@pytest.mark.django_db
def test_the_row_limit_is_a_setting(settings):
    settings.IMPORT_MAX_ROWS = 3
    rows = [MEMBERS[0], *([["Tilde", "Latvian IT Cluster"]] * 3)]

    with pytest.raises(ImportFailed, match="4 rows"):
        import_members(Spreadsheet("m.xlsx", workbook(("Sheet1", sheet_xml(rows)))))
    with pytest.raises(ImportFailed, match="more than the 3"):
        import_members(Spreadsheet("m.csv", "\n".join(",".join(row) for row in rows).encode()))


def test_an_upload_is_cut_off_once_it_passes_the_limit(staff_client, settings):
    settings.IMPORT_MAX_FILE_SIZE = 10_000
    body = ",".join(FIGURES_HEADER).encode() + b"\n" + b"x" * 50_000

    response = staff_client.post(
        reverse("admin:clusters_cluster_import"),
        {"file": SimpleUploadedFile("figures.csv", body)},
    )

    assert response.status_code == 200
    assert response.wsgi_request.upload_too_large
    assert "file" not in response.wsgi_request.FILES
    assert "larger than 9.8" in response.content.decode()
