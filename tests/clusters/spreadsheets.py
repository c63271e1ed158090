"""Building small spreadsheet files for the import tests, as different programs would save them."""

import codecs
import csv
import io
from pathlib import Path

import openpyxl

from imports.files import Spreadsheet

FIGURES_HEADER = ["Cluster", "Number of members", "Turnover EUR", "Export EUR", "Contacts", "www"]
MEMBERS_HEADER = [
    "Company", "Registration number", "Cluster", "Member since", "Website", "Email", "Phone", "City", "Category",
]  # fmt: skip
CONTACTS_HEADER = ["First name", "Last name", "Organisation", "Position", "Email", "Phone", "Public"]


def xlsx_bytes(rows: list[list[object]]) -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def csv_bytes(
    rows: list[list[object]], *, delimiter: str = ",", encoding: str = "utf-8", bom: bool = False
) -> bytes:
    buffer = io.StringIO(newline="")
    csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    content = buffer.getvalue().encode(encoding)
    return (codecs.BOM_UTF8 + content) if bom else content


def xlsx(rows: list[list[object]], name: str = "figures.xlsx") -> Spreadsheet:
    return Spreadsheet(name, xlsx_bytes(rows))


def csv_file(rows: list[list[object]], name: str = "figures.csv", **options) -> Spreadsheet:
    return Spreadsheet(name, csv_bytes(rows, **options))


def write(directory: Path, source: Spreadsheet) -> Path:
    path = directory / source.name
    path.write_bytes(source.content)
    return path
