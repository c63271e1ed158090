"""Workbooks written cell by cell, as Excel saves them: formulas with the values it computed, error
values, hidden sheets, declared dimensions and row numbers of our choosing."""

import io
import zipfile
from xml.sax.saxutils import escape

import openpyxl
from openpyxl.utils import get_column_letter

from imports.files import Spreadsheet

NO_VALUE = object()


class F:
    """A formula cell; ``saved`` is the value Excel stored with it (NO_VALUE: none, as openpyxl writes)."""

    def __init__(self, formula: str, saved: object = NO_VALUE) -> None:
        self.formula = formula.removeprefix("=")
        self.saved = saved


class E:
    """A cell holding an Excel error value such as #N/A."""

    def __init__(self, error: str) -> None:
        self.error = error


def _cell(reference: str, value: object) -> str:
    if isinstance(value, F):
        formula = f"<f>{escape(value.formula)}</f>"
        if value.saved is NO_VALUE:
            return f'<c r="{reference}">{formula}</c>'
        if isinstance(value.saved, E):
            return f'<c r="{reference}" t="e">{formula}<v>{escape(value.saved.error)}</v></c>'
        if isinstance(value.saved, str):
            return f'<c r="{reference}" t="str">{formula}<v>{escape(value.saved)}</v></c>'
        return f'<c r="{reference}">{formula}<v>{value.saved}</v></c>'
    if isinstance(value, E):
        return f'<c r="{reference}" t="e"><v>{escape(value.error)}</v></c>'
    if isinstance(value, int | float):
        return f'<c r="{reference}"><v>{value}</v></c>'
    return f'<c r="{reference}" t="inlineStr"><is><t>{escape(str(value))}</t></is></c>'


def sheet_xml(
    rows: list[list[object]], *, row_numbers: list[int] | None = None, dimension: str = ""
) -> bytes:
    parts = ['<?xml version="1.0" encoding="UTF-8" standalone="yes"?>']
    parts.append('<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">')
    if dimension:
        parts.append(f'<dimension ref="{dimension}"/>')
    parts.append("<sheetData>")
    for index, row in enumerate(rows):
        number = row_numbers[index] if row_numbers else index + 1
        cells = (
            _cell(f"{get_column_letter(column)}{number}", value)
            for column, value in enumerate(row, start=1)
            if value is not None
        )
        parts.append(f'<row r="{number}">{"".join(cells)}</row>')
    parts.append("</sheetData></worksheet>")
    return "".join(parts).encode()


def workbook(*sheets: tuple[str, bytes], hidden: tuple[str, ...] = (), active: int = 0) -> bytes:
    """An .xlsx whose sheets hold the given XML; ``hidden`` names hidden sheets, ``active`` is an index."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, _xml in sheets:
        sheet = book.create_sheet(title)
        sheet["A1"] = "placeholder"
        if title in hidden:
            sheet.sheet_state = "hidden"
    book.active = active
    buffer = io.BytesIO()
    book.save(buffer)
    replaced = {f"xl/worksheets/sheet{index}.xml": xml for index, (_title, xml) in enumerate(sheets, start=1)}
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as original,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as copy,
    ):
        for item in original.infolist():
            copy.writestr(item.filename, replaced.get(item.filename, original.read(item.filename)))
    return out.getvalue()


def xlsx_cells(rows: list[list[object]], name: str = "members.xlsx", **options) -> Spreadsheet:
    return Spreadsheet(name, workbook(("Sheet1", sheet_xml(rows, **options))))
