"""Hostile and broken files are refused whole with a message, before they are parsed."""

import io
import zipfile

import pytest
from defusedxml import EntitiesForbidden

from clusters.importers import ImportFailed, Spreadsheet, import_clusters
from clusters.models import Cluster
from tests.clusters.spreadsheets import FIGURES_HEADER, csv_bytes, xlsx_bytes

GOOD_ROWS = [FIGURES_HEADER, ["Latvian IT Cluster", "43", "101 030 068", "22 297 308", "", ""]]


def refused(source: Spreadsheet, match: str) -> None:
    with pytest.raises(ImportFailed, match=match):
        import_clusters(source, year=2017)
    assert not Cluster.objects.exists()


def causes(error: BaseException | None) -> list[type]:
    found = []
    while error is not None:
        found.append(type(error))
        error = error.__cause__ or error.__context__
    return found


def rezip(content: bytes, replace: dict[str, bytes]) -> bytes:
    """The same workbook with some of its parts replaced."""
    buffer = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(content)) as original,
        zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as copy,
    ):
        for item in original.infolist():
            copy.writestr(item.filename, replace.get(item.filename, original.read(item.filename)))
    return buffer.getvalue()


@pytest.mark.django_db
def test_a_file_over_the_size_limit_is_refused(settings):
    settings.IMPORT_MAX_FILE_SIZE = 100

    refused(Spreadsheet("figures.csv", csv_bytes(GOOD_ROWS) + b" " * 100), "larger than")


@pytest.mark.django_db
def test_a_path_over_the_size_limit_is_refused_before_reading(settings, tmp_path):
    settings.IMPORT_MAX_FILE_SIZE = 10
    path = tmp_path / "figures.csv"
    path.write_bytes(csv_bytes(GOOD_ROWS))

    with pytest.raises(ImportFailed, match="larger than"):
        import_clusters(path, year=2017)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "content", "match"),
    [
        ("figures.csv", xlsx_bytes(GOOD_ROWS), "not a text"),
        ("figures.xlsx", csv_bytes(GOOD_ROWS), "not an Excel"),
        ("figures.xlsx", b"PK\x03\x04 broken zip", "not an Excel"),
        ("figures.csv", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\x00\x00old excel", "not a text"),
        ("figures.xls", xlsx_bytes(GOOD_ROWS), "xlsx, .csv or .tsv"),
        ("figures.csv", b"", "empty"),
        ("figures.csv", "Cluster;Nr\n\u0101".encode("utf-8")[:-1] + b"\x81\x83", "cannot be read"),
    ],
    ids=[
        "xlsx-named-csv",
        "csv-named-xlsx",
        "broken-zip",
        "old-xls-named-csv",
        "xls",
        "empty",
        "undecodable",
    ],
)
def test_content_not_matching_the_extension_is_refused(name, content, match):
    refused(Spreadsheet(name, content), match)


@pytest.mark.django_db
def test_a_zip_bomb_is_refused_before_it_is_unpacked():
    bomb = rezip(xlsx_bytes(GOOD_ROWS), {"xl/worksheets/sheet1.xml": b"<a>" + b" " * 50_000_000 + b"</a>"})
    assert len(bomb) < 1_000_000

    refused(Spreadsheet("figures.xlsx", bomb), "unpacks to far more")


@pytest.mark.django_db
def test_an_xml_bomb_is_refused_not_expanded():
    laughs = b"".join(
        b'<!ENTITY lol%d "%s">' % (n, (b"&lol%d;" % (n - 1)) * 10 if n else b"lol") for n in range(10)
    )
    sheet = (
        b'<?xml version="1.0"?><!DOCTYPE lolz ['
        + laughs
        + b']><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row></sheetData></worksheet>'
    )
    bomb = rezip(xlsx_bytes(GOOD_ROWS), {"xl/worksheets/sheet1.xml": sheet})

    with pytest.raises(ImportFailed, match="cannot be read") as failure:
        import_clusters(Spreadsheet("figures.xlsx", bomb), year=2017)

    assert EntitiesForbidden in causes(failure.value), "defusedxml must be the parser that refused it"


@pytest.mark.django_db
def test_a_file_with_only_a_header_is_refused():
    refused(Spreadsheet("figures.csv", csv_bytes([["Title (2017)"], FIGURES_HEADER, []])), "no rows below")


@pytest.mark.django_db
def test_a_csv_with_a_huge_cell_is_refused_with_its_row():
    content = csv_bytes(GOOD_ROWS) + b'"' + b"x" * 200_000 + b'"\r\n'

    refused(Spreadsheet("figures.csv", content), "Row 3")
