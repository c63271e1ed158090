"""Property: whatever table comes in, the importers answer with a report or ImportFailed, and a failed
import writes nothing."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from clusters.importers import ImportFailed, Spreadsheet, import_clusters, import_contacts, import_members
from clusters.models import Cluster, Company, Contact, Membership, YearlyFigures
from tests.clusters.spreadsheets import CONTACTS_HEADER, FIGURES_HEADER, MEMBERS_HEADER, csv_bytes, xlsx_bytes

# Printable text without the control characters an .xlsx cannot hold; spreadsheets' usual troublemakers added.
TEXT = st.text(st.characters(blacklist_categories=["Cc", "Cs"]), max_size=12) | st.sampled_from(
    [
        "",
        " ",
        "=1+2",
        "=SUM(A1:A3)",
        "-5",
        "1,5",
        "1 000,50",
        "\u200b",
        "%E2%80%8B",
        "<script>",
        "NaN",
        "1e400",
    ]
)
CELL = TEXT | st.integers(-(10**20), 10**20) | st.floats(allow_nan=True, allow_infinity=True) | st.none()
HEADERS = {"clusters": FIGURES_HEADER, "members": MEMBERS_HEADER, "contacts": CONTACTS_HEADER}
IMPORTERS = {
    "clusters": lambda source: import_clusters(source, year=2017),
    "members": import_members,
    "contacts": import_contacts,
}
FORMATS = st.sampled_from(["xlsx", "csv", "csv;", "tsv", "cp1257"])


@st.composite
def tables(draw, kind: str) -> list[list[object]]:
    header = list(draw(st.permutations(HEADERS[kind])))
    if draw(st.booleans()):
        header[draw(st.integers(0, len(header) - 1))] = draw(TEXT)  # a damaged header cell
    rows = draw(st.lists(st.lists(CELL, max_size=len(header) + 1), max_size=6))
    title = draw(st.lists(st.lists(TEXT, max_size=2), max_size=2))
    return [*title, header, *rows]


def encode(table: list[list[object]], file_format: str) -> Spreadsheet:
    if file_format == "xlsx":
        return Spreadsheet("t.xlsx", xlsx_bytes(table))
    text_table = [["" if cell is None else str(cell) for cell in row] for row in table]
    if file_format == "cp1257":
        encoded = [[cell.encode("cp1257", "replace").decode("cp1257") for cell in row] for row in text_table]
        return Spreadsheet("t.csv", csv_bytes(encoded, delimiter=";", encoding="cp1257"))
    delimiter = {"csv": ",", "csv;": ";", "tsv": "\t"}[file_format]
    return Spreadsheet(f"t.{file_format[:3]}", csv_bytes(text_table, delimiter=delimiter))


def database_state() -> tuple[int, ...]:
    return tuple(
        model.objects.count() + model.history.count()
        for model in (Cluster, YearlyFigures, Company, Membership, Contact)
    )


@pytest.mark.django_db
@pytest.mark.parametrize("kind", list(IMPORTERS))
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_random_tables_give_a_report_or_import_failed_and_failures_write_nothing(kind, data):
    table = data.draw(tables(kind))
    source = encode(table, data.draw(FORMATS))
    before = database_state()

    try:
        IMPORTERS[kind](source)
    except ImportFailed as failure:
        assert failure.errors
        assert database_state() == before


@pytest.mark.django_db
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    good=st.lists(st.integers(0, 10**9), min_size=1, max_size=8, unique=True),
    bad=st.sampled_from(["-1", "x", "=40+3", "1,5", "", "1e3"]),
    position=st.integers(0, 8),
    file_format=FORMATS,
)
def test_one_bad_row_anywhere_refuses_the_whole_file(good, bad, position, file_format):
    rows = [[f"Cluster {n}", str(n), str(n), "0", "", ""] for n in good]
    rows.insert(min(position, len(rows)), ["Broken", bad, "1", "1", "", ""])
    before = database_state()

    with pytest.raises(ImportFailed) as failure:
        import_clusters(encode([FIGURES_HEADER, *rows], file_format), year=2017)

    assert [error.row for error in failure.value.errors] == [2 + min(position, len(good))]
    assert database_state() == before


@pytest.mark.parametrize(
    "content", [b"\xff\xfe\x00", b"PK\x03\x04", b"\r\n\r\n", b'"', b"\xef\xbb\xbf", b";;;\n"]
)
@pytest.mark.parametrize("name", ["t.csv", "t.tsv", "t.xlsx"])
def test_odd_bytes_are_refused_with_import_failed(db, name, content):
    with pytest.raises(ImportFailed):
        import_members(Spreadsheet(name, content))
