"""Reading a spreadsheet file into rows, after refusing anything hostile, and finding its header row.

Excel (.xlsx, first sheet) and text tables (.csv, .tsv) as Excel, LibreOffice and Google Sheets save
them: comma, semicolon or tab separated; UTF-8 with or without BOM, UTF-16 or Windows-1257.
"""

import codecs
import csv
import io
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import openpyxl
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from . import cells
from .base import Column, ImportFailed, RowError, file_error

HEADER_SEARCH_ROWS = 20
MAX_COLUMNS = 100
DELIMITERS = (",", ";", "\t")
# Limits on an .xlsx before it is parsed: a zip bomb inflates a small upload into gigabytes.
MAX_UNCOMPRESSED_SIZE = 200 * 1024 * 1024
MAX_COMPRESSION_RATIO = 100
MAX_ZIP_MEMBERS = 1000


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


@dataclass(frozen=True)
class SheetRow:
    number: int  # as the spreadsheet program shows it: 1-based, title and blank rows counted
    cells: tuple[object, ...]

    def is_blank(self) -> bool:
        return not any(cells.text(value) for value in self.cells)


@dataclass(frozen=True)
class Table:
    """The data rows below the header row, each as {column name: raw cell}."""

    title_rows: list[SheetRow]
    header_row: int
    rows: list[tuple[int, dict[str, object]]]
    columns: frozenset[str]


def read_table(source: Spreadsheet, columns: Sequence[Column]) -> Table:
    """Refuse hostile files, read the rows, find the header and return the non-blank rows below it."""
    _check_size(len(source.content))
    if source.extension == ".xlsx":
        rows = _xlsx_rows(source.content)
    elif source.extension in (".csv", ".tsv", ".txt"):
        rows = _text_rows(source.content, columns)
    else:
        raise file_error(_("Upload an .xlsx, .csv or .tsv file."))
    header, positions = find_header(rows, columns)
    data = [
        (row.number, {name: _cell(row, index) for name, index in positions.items()})
        for row in rows[header.number :]
        if not row.is_blank()
    ]
    if not data:
        raise ImportFailed([RowError(header.number, None, _("There are no rows below the header row."))])
    return Table(rows[: header.number - 1], header.number, data, frozenset(positions))


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


def find_header(rows: list[SheetRow], columns: Sequence[Column]) -> tuple[SheetRow, dict[str, int]]:
    """The first row among the first rows that names every required column, and where each column is."""
    best: tuple[SheetRow, dict[str, int]] | None = None
    for row in rows[:HEADER_SEARCH_ROWS]:
        positions = _match_columns(row, columns)
        if all(column.name in positions for column in columns if column.required):
            return row, positions
        if positions and (best is None or len(positions) > len(best[1])):
            best = (row, positions)
    expected = ", ".join(f"“{column.name}”" for column in columns if column.required)
    if best is None:
        raise file_error(
            _("No header row found in the first %(count)d rows; expected the columns %(expected)s.")
            % {"count": HEADER_SEARCH_ROWS, "expected": expected}
        )
    missing = [column.name for column in columns if column.required and column.name not in best[1]]
    raise ImportFailed(
        [RowError(best[0].number, name, _("This column is missing from the header row.")) for name in missing]
    )


def _match_columns(row: SheetRow, columns: Sequence[Column]) -> dict[str, int]:
    positions: dict[str, int] = {}
    for index, value in enumerate(row.cells[:MAX_COLUMNS]):
        key = cells.header_key(value)
        for column in columns:
            if key and key in column.keys and column.name not in positions:
                positions[column.name] = index
    return positions


def count_matches(rows: list[SheetRow], columns: Sequence[Column]) -> int:
    return max((len(_match_columns(row, columns)) for row in rows[:HEADER_SEARCH_ROWS]), default=0)


# --- Excel -------------------------------------------------------------------------------------------


def _xlsx_rows(content: bytes) -> list[SheetRow]:
    if not openpyxl.DEFUSEDXML:  # OPENPYXL_DEFUSEDXML=False in the environment would expose XML bombs
        raise file_error(_("Reading .xlsx files is switched off on this server; upload a CSV file."))
    _refuse_zip_bomb(content)
    try:
        # read_only streams the sheet; data_only=False returns a formula's text, never a computed value.
        # openpyxl parses with defusedxml when it is installed, which refuses entity expansion (XML bombs).
        workbook = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=False)
        try:
            sheet = workbook.worksheets[0]
            sheet.reset_dimensions()  # some programs write a wrong <dimension>; read every row there is
            return [
                SheetRow(number, tuple(values[:MAX_COLUMNS]))
                for number, values in enumerate(sheet.iter_rows(values_only=True), start=1)
            ]
        finally:
            workbook.close()
    except ImportFailed:
        raise
    except Exception as exc:  # noqa: BLE001 - a damaged workbook makes openpyxl raise almost anything
        raise file_error(_("This .xlsx file cannot be read; open it and save it again as .xlsx.")) from exc


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


def _text_rows(content: bytes, columns: Sequence[Column]) -> list[SheetRow]:
    text = _decode(content)
    preferred = ("\t", ",", ";") if content and b"\t" in content[:4096] else DELIMITERS
    candidates = {delimiter: _parse_csv(text, delimiter, limit=HEADER_SEARCH_ROWS) for delimiter in preferred}
    delimiter = max(preferred, key=lambda d: (count_matches(candidates[d], columns), -preferred.index(d)))
    return _parse_csv(text, delimiter)


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
