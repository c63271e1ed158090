"""Reading a spreadsheet file into rows, after refusing anything hostile, and finding its header row.

Excel (.xlsx: the active sheet if visible, else the first visible one, or the one named) and text
tables (.csv, .tsv) as Excel, LibreOffice and Google Sheets save them: comma, semicolon or tab
separated; UTF-8 with or without BOM, UTF-16 or Windows-1257. Files with more rows than
``IMPORT_MAX_ROWS`` are refused before any row is read.
"""

import codecs
import csv
import io
import re
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

import openpyxl
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from openpyxl.utils import column_index_from_string, get_column_letter

from . import cells
from .report import ImportFailed, RowError, file_error

HEADER_SEARCH_ROWS = 20
MAX_COLUMNS = 1000  # the width read; a header anywhere in it is found
DELIMITERS = (",", ";", "\t")
# Limits on an .xlsx before it is parsed: a zip bomb inflates a small upload into gigabytes.
MAX_UNCOMPRESSED_SIZE = 200 * 1024 * 1024
MAX_COMPRESSION_RATIO = 100
MAX_ZIP_MEMBERS = 1000
# Found in a worksheet's XML without parsing it: row numbers, and whether any cell holds a formula.
ROW_NUMBER = re.compile(rb"<(?:\w+:)?row\b[^>]*?\sr=\"(\d+)\"")
FORMULA_TAG = re.compile(rb"<(?:\w+:)?f[\s>/]")
WIDE_CELL = re.compile(rb"<(?:\w+:)?c\b[^>]*?\sr=\"([A-Z]{3})\d")  # columns AAA and beyond
SCAN_CHUNK = 1024 * 1024


@dataclass(frozen=True)
class Spreadsheet:
    """An uploaded or local file: its name (for the format) and its bytes."""

    name: str
    content: bytes

    @classmethod
    def from_path(cls, path: Path) -> "Spreadsheet":
        try:
            size = path.stat().st_size
            _check_size(size)
            return cls(path.name, path.read_bytes())
        except OSError as exc:
            raise file_error(_("Cannot read the file: %(reason)s") % {"reason": exc.strerror}) from exc

    @property
    def extension(self) -> str:
        return Path(self.name).suffix.lower()


def open_source(source: "Spreadsheet | Path | str") -> "Spreadsheet":
    """The spreadsheet to import, from a path given on the command line or an upload."""
    return source if isinstance(source, Spreadsheet) else Spreadsheet.from_path(Path(source))


@dataclass
class Formula:
    """An .xlsx formula cell: its text and the value the spreadsheet program saved with it, if any.

    ``computed`` says whether the workbook holds computed values at all (a program that calculates saved
    it); only then does an empty saved value mean the formula's result is empty.
    """

    formula: str
    value: object
    computed: bool = False

    @property
    def is_blank(self) -> bool:
        return self.computed and cells.text(self.value) == ""


def is_blank(value: object) -> bool:
    if isinstance(value, Formula):
        return value.is_blank
    return not cells.text(value)


@dataclass(frozen=True)
class SheetRow:
    number: int  # as the spreadsheet program shows it: 1-based, title and blank rows counted
    cells: tuple[object, ...]

    def is_blank(self) -> bool:
        return all(is_blank(value) for value in self.cells)


@dataclass(frozen=True)
class Table:
    """The data rows below the header row, each as {column name: raw cell}, and what was decided."""

    title_rows: list[SheetRow]
    header_row: int
    rows: list[tuple[int, dict[str, object]]]
    columns: frozenset[str]
    ignored: list[str] = field(default_factory=list)  # headers of the columns no field uses
    sheet: str | None = None  # the worksheet read, for .xlsx
    delimiter: str | None = None  # for text files
    headers: dict[str, str] = field(default_factory=dict)  # column name -> the header written in the file


@dataclass(frozen=True)
class HeaderMatch:
    positions: dict[str, int]
    ignored: list[str]
    conflicts: dict[str, str]  # column name -> why its header cells are refused


class ColumnSpec(Protocol):
    """What the reader needs of a column (see ``imports.columns.Column``): its name, whether the header
    must have it, the normalised spellings of its header and of its own name."""

    name: str
    required: bool

    @property
    def keys(self) -> set[str]: ...

    @property
    def exact_key(self) -> str: ...


def read_table(source: Spreadsheet, columns: Sequence[ColumnSpec], *, sheet: str | None = None) -> Table:
    """Refuse hostile files, read the rows, find the header and return the non-blank rows below it.

    ``sheet`` names the worksheet of an .xlsx; by default the active one if visible, else the first
    visible one.
    """
    _check_size(len(source.content))
    sheet_name, delimiter = None, None
    if source.extension == ".xlsx":
        rows, sheet_name = _xlsx_rows(source.content, sheet)
    elif source.extension in (".csv", ".tsv", ".txt"):
        rows, delimiter = _text_rows(source.content, columns)
    else:
        raise file_error(_("Upload an .xlsx, .csv or .tsv file."))
    header, match = find_header(rows, columns)
    data = [
        (row.number, {name: _cell(row, index) for name, index in match.positions.items()})
        for row in rows[header.number :]
        if not row.is_blank()
    ]
    if not data:
        raise ImportFailed([RowError(header.number, None, _("There are no rows below the header row."))])
    return Table(
        rows[: header.number - 1],
        header.number,
        data,
        frozenset(match.positions),
        match.ignored,
        sheet_name,
        delimiter,
        {name: cells.text(header.cells[index]) for name, index in match.positions.items()},
    )


def _cell(row: SheetRow, index: int) -> object:
    return row.cells[index] if index < len(row.cells) else None


def _check_size(size: int) -> None:
    limit = settings.IMPORT_MAX_FILE_SIZE
    if size > limit:
        raise file_error(
            _("The file is larger than %(limit)s; split it or remove what is not needed.")
            % {"limit": filesizeformat(limit)}
        )
    if size == 0:
        raise file_error(_("The file is empty."))


def _check_row_count(rows: int) -> None:
    limit = settings.IMPORT_MAX_ROWS
    if rows > limit:
        raise file_error(
            _("The file has %(rows)s rows, more than the %(limit)s an import may have; split it.")
            % {"rows": f"{rows:,}".replace(",", " "), "limit": f"{limit:,}".replace(",", " ")}
        )


def find_header(rows: list[SheetRow], columns: Sequence[ColumnSpec]) -> tuple[SheetRow, HeaderMatch]:
    """The first row among the first rows that names every required column, and where each column is.

    Two header cells that could both be one column are refused, unless exactly one of them is the
    column's own name; a header cell that could be two columns likewise.
    """
    best: tuple[SheetRow, HeaderMatch] | None = None
    for row in rows[:HEADER_SEARCH_ROWS]:
        match = _match_columns(row, columns)
        if all(column.name in match.positions for column in columns if column.required):
            if match.conflicts:
                raise ImportFailed(
                    [
                        RowError(row.number, None, conflict)
                        for conflict in dict.fromkeys(match.conflicts.values())
                    ]
                )
            return row, match
        if match.positions and (best is None or len(match.positions) > len(best[1].positions)):
            best = (row, match)
    expected = ", ".join(f"“{column.name}”" for column in columns if column.required)
    if best is None:
        raise file_error(
            _("No header row found in the first %(count)d rows; expected the columns %(expected)s.")
            % {"count": HEADER_SEARCH_ROWS, "expected": expected}
        )
    row, match = best
    missing = [column.name for column in columns if column.required and column.name not in match.positions]
    errors = [RowError(row.number, None, conflict) for conflict in dict.fromkeys(match.conflicts.values())]
    errors += [
        RowError(row.number, name, _("This column is missing from the header row."))
        for name in missing
        if name not in match.conflicts
    ]
    raise ImportFailed(errors)


def _header(row: SheetRow, index: int) -> str:
    return f"“{cells.text(row.cells[index])}” ({get_column_letter(index + 1)})"


def _match_columns(row: SheetRow, columns: Sequence[ColumnSpec]) -> HeaderMatch:
    found: dict[str, list[tuple[int, bool]]] = {}
    ignored, conflicts = [], {}
    for index, value in enumerate(row.cells):
        key = cells.header_key(value)
        if not key:
            continue
        matched = [column for column in columns if key in column.keys]
        exact = [column for column in matched if key == column.exact_key]
        if len(matched) > 1 and len(exact) != 1:
            names = ", ".join(f"“{column.name}”" for column in matched)
            message = _("The column %(header)s could be any of %(names)s; rename it.") % {
                "header": _header(row, index),
                "names": names,
            }
            conflicts.update((column.name, message) for column in matched)
            continue
        if not matched:
            ignored.append(index)
            continue
        column = exact[0] if exact else matched[0]
        found.setdefault(column.name, []).append((index, bool(exact)))
    positions = {}
    for name, candidates in found.items():
        exact = [index for index, is_exact in candidates if is_exact]
        if len(candidates) == 1 or len(exact) == 1:
            positions[name] = exact[0] if exact else candidates[0][0]
            ignored += [index for index, _exact in candidates if index != positions[name]]
        else:
            headers = _(" and ").join(_header(row, index) for index, _exact in candidates)
            conflicts[name] = _("The columns %(headers)s could both be “%(name)s”; keep one of them.") % {
                "headers": headers,
                "name": name,
            }
    return HeaderMatch(positions, [_header(row, index) for index in sorted(ignored)], conflicts)


def count_matches(rows: list[SheetRow], columns: Sequence[ColumnSpec]) -> int:
    return max((len(_match_columns(row, columns).positions) for row in rows[:HEADER_SEARCH_ROWS]), default=0)


# --- Excel -------------------------------------------------------------------------------------------


def _xlsx_rows(content: bytes, sheet_name: str | None) -> tuple[list[SheetRow], str]:
    if not openpyxl.DEFUSEDXML:  # OPENPYXL_DEFUSEDXML=False in the environment would expose XML bombs
        raise file_error(_("Reading .xlsx files is switched off on this server; upload a CSV file."))
    _refuse_zip_bomb(content)
    try:
        # read_only streams the sheet; data_only=False returns a formula's text, never a computed value.
        # openpyxl parses with defusedxml when it is installed, which refuses entity expansion (XML bombs).
        workbook = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=False)
        try:
            sheet = _choose_sheet(workbook, sheet_name)
            has_formulas = _scan_sheet(sheet)
            if has_formulas:
                return _rows_with_formulas(content, sheet), sheet.title
            sheet.reset_dimensions()  # some programs write a wrong <dimension>; read every row there is
            # No max_col: openpyxl would pad every row to that width; each row is as wide as its last cell.
            rows = sheet.iter_rows(values_only=True)
            return [
                SheetRow(number, values[:MAX_COLUMNS]) for number, values in enumerate(rows, start=1)
            ], sheet.title
        finally:
            workbook.close()
    except ImportFailed:
        raise
    except Exception as exc:  # noqa: BLE001 - a damaged workbook makes openpyxl raise almost anything
        raise file_error(_("This .xlsx file cannot be read; open it and save it again as .xlsx.")) from exc


def _choose_sheet(workbook, name: str | None):
    visible = [sheet for sheet in workbook.worksheets if sheet.sheet_state == "visible"]
    if name is not None:
        found = next((sheet for sheet in workbook.worksheets if sheet.title == name), None)
        if found is None:
            names = ", ".join(f"“{sheet.title}”" for sheet in workbook.worksheets)
            raise file_error(
                _("The workbook has no sheet “%(name)s”; its sheets are %(names)s.")
                % {"name": name, "names": names}
            )
        return found
    if not visible:
        raise file_error(_("Every sheet of this workbook is hidden; name the sheet to read."))
    active = workbook.active
    return active if active in visible else visible[0]


def _scan_sheet(sheet) -> bool:
    """Refuse a sheet whose declared size or row numbers pass the limit, before any row is read; and
    say whether any cell holds a formula. Streams the XML in chunks, never holding it whole."""
    _check_row_count(sheet.max_row or 0)  # the <dimension> the file declares
    highest, has_formulas, tail = 0, False, b""
    with sheet._get_source() as source:
        while chunk := source.read(SCAN_CHUNK):
            text = tail + chunk
            highest = max([highest, *(int(number) for number in ROW_NUMBER.findall(text))])
            _check_row_count(highest)
            if any(
                column_index_from_string(letters.decode()) > MAX_COLUMNS
                for letters in WIDE_CELL.findall(text)
            ):
                raise file_error(
                    _("The sheet has cells beyond column %(column)s; remove them or move the table.")
                    % {"column": get_column_letter(MAX_COLUMNS)}
                )
            has_formulas = has_formulas or FORMULA_TAG.search(text) is not None
            tail = text[-200:]
    return has_formulas


def _rows_with_formulas(content: bytes, sheet) -> list[SheetRow]:
    """The rows with each formula cell as a Formula holding the value the program saved, if any."""
    saved = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    try:
        saved_sheet = saved[sheet.title]
        sheet.reset_dimensions()
        saved_sheet.reset_dimensions()
        formulas: list[Formula] = []
        rows = []
        pairs = zip(sheet.iter_rows(), saved_sheet.iter_rows(values_only=True), strict=False)
        for number, (row, values) in enumerate(pairs, start=1):
            rows.append(SheetRow(number, tuple(_with_formulas(row[:MAX_COLUMNS], values, formulas))))
    finally:
        saved.close()
    computed = any(formula.value is not None for formula in formulas)
    for formula in formulas:
        formula.computed = computed
    return rows


def _with_formulas(row: tuple, saved: tuple, formulas: list[Formula]) -> Iterator[object]:
    for index, cell in enumerate(row):
        if getattr(cell, "data_type", None) == "f":
            value = saved[index] if index < len(saved) else None
            formulas.append(Formula(str(getattr(cell.value, "text", cell.value)), value))
            yield formulas[-1]
        else:
            yield getattr(cell, "value", None)


def _refuse_zip_bomb(content: bytes) -> None:
    not_a_workbook = _("This is not an Excel .xlsx workbook, whatever its name says.")
    if not content.startswith(b"PK\x03\x04"):
        raise file_error(not_a_workbook)
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise file_error(not_a_workbook) from exc
    names = {member.filename for member in members}
    if "[Content_Types].xml" not in names or "xl/workbook.xml" not in names:
        raise file_error(not_a_workbook)
    total = sum(member.file_size for member in members)
    too_compressed = any(
        member.file_size > 1024 * 1024
        and member.file_size > MAX_COMPRESSION_RATIO * max(member.compress_size, 1)
        for member in members
    )
    if len(members) > MAX_ZIP_MEMBERS or total > MAX_UNCOMPRESSED_SIZE or too_compressed:
        raise file_error(_("This workbook unpacks to far more data than a spreadsheet holds; it is refused."))


# --- CSV and TSV -------------------------------------------------------------------------------------


def _text_rows(content: bytes, columns: Sequence[ColumnSpec]) -> tuple[list[SheetRow], str]:
    text = _decode(content)
    breaks = text.count("\n") + text.count("\r") - text.count("\r\n")
    _check_row_count(breaks + (not text.endswith(("\n", "\r"))))  # blank lines count too
    preferred = ("\t", ",", ";") if content and b"\t" in content[:4096] else DELIMITERS
    candidates = {delimiter: _parse_csv(text, delimiter, limit=HEADER_SEARCH_ROWS) for delimiter in preferred}
    delimiter = max(preferred, key=lambda d: (count_matches(candidates[d], columns), -preferred.index(d)))
    return _parse_csv(text, delimiter), delimiter


def _parse_csv(text: str, delimiter: str, limit: int | None = None) -> list[SheetRow]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows = []
    try:
        for number, values in enumerate(reader, start=1):
            rows.append(SheetRow(number, tuple(values[:MAX_COLUMNS])))
            if limit is not None and number >= limit:
                break
    except csv.Error as exc:
        raise file_error(
            _("Row %(row)d cannot be read as CSV: %(reason)s") % {"row": len(rows) + 1, "reason": exc}
        ) from exc
    return rows


def _decode(content: bytes) -> str:
    for bom, encoding in (
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
    ):
        if content.startswith(bom):
            return _decode_as(content[len(bom) :], encoding)
    if b"\x00" in content or content.startswith(b"PK\x03\x04"):
        raise file_error(_("This is not a text (CSV) file, whatever its name says; save it as CSV."))
    try:
        return content.decode("utf-8")
    except UnicodeDecodeError:
        # Excel with Latvian regional settings saves "CSV" in Windows-1257.
        return _decode_as(content, "cp1257")


def _decode_as(content: bytes, encoding: str) -> str:
    try:
        return content.decode(encoding)
    except UnicodeDecodeError as exc:
        raise file_error(_("The file's characters cannot be read; save it as “CSV UTF-8”.")) from exc
