"""The yearly figures table: the presentation's file end to end, every quirk, matching, re-imports."""

from pathlib import Path

import pytest

from clusters.importers import ImportFailed, import_clusters
from clusters.models import Cluster, YearlyFigures
from tests.clusters.spreadsheets import FIGURES_HEADER, csv_file, xlsx
from tests.factories import ClusterFactory, StaffFactory, YearlyFiguresFactory

SEED = Path(__file__).resolve().parents[2] / "clusters" / "seed_data"

# The presentation "Latvian Clusters in Numbers (2017)": name, members, turnover, export, e-mail, website.
PRESENTATION = [
    ("Food Product Quality Cluster", 68, 257_024_870, 80_652_974, "armands.lejas-krumins@lpuf.lv", "https://www.ppkk.lv"),
    ("Latvian Health Tourism Cluster", 60, 325_222_061, 29_842_997, "gunta@healthtravellatvia.lv", "http://www.healthtravellatvia.lv/lv/klasteris-0"),
    ("Green-tech Latvia", 44, 102_950_557, 45_408_181, "info@greentechlatvia.eu", "http://www.greentechlatvia.eu/"),
    ("Latvian IT Cluster", 43, 101_030_068, 22_297_308, "itcluster@itbaltic.com", "http://www.itbaltic.com/"),
    ("Metalworking cluster MASOC", 43, 121_028_400, 63_336_792, "masoc@masoc.lv", "http://www.masoc.lv/aktivitates/projekti/klastera-projekts"),
    ("Tourism Cluster Enter Gauja", 37, 18_600_124, 4_374_247, "info@entergauja.com", "http://www.entergauja.com/lv/"),
    ("CLEANTECH LATVIA", 35, 50_175_979, 11_467_853, "info@cleantechlatvia.com", "http://www.cleantechlatvia.com/"),
    ("Latvian Export Cluster", 34, 112_063_644, 62_845_356, "cluster@chamber.lv", "http://www.chamber.lv/lv/exportcluster"),
    ("Latvian electronics and electrical engineering cluster LETERA", 34, 79_883_866, 50_509_647, "ilgmars.purmalis@letera.lv", "https://www.letera.lv/par-klasteri/"),
    ("Smart City Cluster of Latvia", 33, 111_863_459, 38_728_026, "info@smartcity.lv", "http://www.smartcity.lv/"),
    ("Print and media technology cluster", 32, 41_832_757, 17_728_901, "ieva@lpua.lv", "http://www.lpua.lv/"),
    ("Life Science Cluster of Latvia", 30, 78_025_923, 47_820_870, "lakifa@lakifa.lv", "http://www.lakifa.lv/lv/jaunumi/klasteraprojekts/"),
    ("Latvian wood construction cluster", 30, 177_710_542, 106_791_382, "gatis@woodhouses.lv", "http://woodhouses.lv/lv"),
    ("Latvian Security and Defence Cluster", 30, 69_858_169, 10_848_601, "klasteris@federacija.lv", "http://www.federacija.lv/"),
]  # fmt: skip


def imported_table() -> list[tuple]:
    figures = (
        YearlyFigures.objects.filter(year=2017)
        .select_related("cluster")
        .order_by("-members", "cluster__name")
    )
    return [
        (f.cluster.name, f.members, f.turnover_eur, f.export_eur, f.cluster.email, f.cluster.website)
        for f in figures
    ]


def row(
    name="Latvian IT Cluster", members="43", turnover="101 030 068", export="22 297 308", email="", www=""
):
    return [name, members, turnover, export, email, www]


@pytest.mark.django_db
@pytest.mark.parametrize("file_name", ["latvian-clusters-2017.xlsx", "latvian-clusters-2017.csv"])
def test_the_presentation_table_imports_with_every_figure(file_name):
    report = import_clusters(SEED / file_name, year=2017)

    assert report.created == 14
    assert sorted(imported_table(), key=lambda r: (-r[1], r[0])) == sorted(
        PRESENTATION, key=lambda r: (-r[1], r[0])
    )
    assert set(YearlyFigures.objects.values_list("status", flat=True)) == {YearlyFigures.Status.APPROVED}
    assert Cluster.objects.get(name="Latvian IT Cluster").slug == "latvian-it-cluster"


@pytest.mark.django_db
def test_the_year_comes_from_the_title_row_of_the_xlsx():
    report = import_clusters(SEED / "latvian-clusters-2017.xlsx")

    assert report.year == 2017
    assert YearlyFigures.objects.filter(year=2017).count() == 14


@pytest.mark.django_db
def test_without_a_year_the_import_fails_clearly():
    with pytest.raises(ImportFailed, match="year"):
        import_clusters(SEED / "latvian-clusters-2017.csv")
    assert not Cluster.objects.exists()


@pytest.mark.django_db
def test_reimporting_changes_nothing_and_keeps_no_new_history():
    import_clusters(SEED / "latvian-clusters-2017.xlsx")
    history = (Cluster.history.count(), YearlyFigures.history.count())

    report = import_clusters(SEED / "latvian-clusters-2017.csv", year=2017)

    assert (report.created, report.updated, report.unchanged) == (0, 0, 14)
    assert (Cluster.history.count(), YearlyFigures.history.count()) == history


@pytest.mark.django_db
def test_a_changed_number_updates_the_figures_and_is_kept_in_history():
    import_clusters(SEED / "latvian-clusters-2017.xlsx")

    report = import_clusters(csv_file([FIGURES_HEADER, row(turnover="101 030 069")]), year=2017)

    figures = YearlyFigures.objects.get(cluster__name="Latvian IT Cluster", year=2017)
    assert (report.updated, figures.turnover_eur) == (1, 101_030_069)
    assert [h.turnover_eur for h in figures.history.order_by("history_date")] == [101_030_068, 101_030_069]
    assert "101 030 068 → 101 030 069" in report.lines[0]


@pytest.mark.django_db
def test_imported_figures_name_their_file_sheet_and_row_and_a_reimport_keeps_them():
    staff = StaffFactory()
    import_clusters(SEED / "latvian-clusters-2017.xlsx", user=staff)
    figures = YearlyFigures.objects.get(cluster__name="Latvian IT Cluster", year=2017)
    assert figures.source == YearlyFigures.Source.IMPORTED
    assert (figures.import_file, figures.imported_by) == ("latvian-clusters-2017.xlsx", staff)
    assert figures.import_sheet and figures.import_row > 1 and figures.imported_at is not None

    import_clusters(csv_file([FIGURES_HEADER, row(turnover="101 030 069")]), year=2017)
    changed = YearlyFigures.objects.get(pk=figures.pk)
    assert (changed.import_file, changed.import_sheet, changed.import_row) == ("figures.csv", "", 2)

    import_clusters(csv_file([FIGURES_HEADER, row(turnover="101 030 069")]), year=2017)
    assert YearlyFigures.objects.get(pk=figures.pk).imported_at == changed.imported_at


@pytest.mark.django_db
def test_dry_run_shows_old_and_new_and_writes_nothing():
    figures = YearlyFiguresFactory(cluster__name="Latvian IT Cluster", members=40)

    report = import_clusters(csv_file([FIGURES_HEADER, row(members="43")]), year=2017, dry_run=True)

    figures.refresh_from_db()
    assert figures.members == 40
    assert report.dry_run and report.updated == 1
    assert "40 → 43" in report.lines[0]
    assert "nothing was written" in report.summary()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "existing_name",
    ["Latvian IT Cluster", "latvian it cluster", "Latvian IT-Cluster", "LATVIAN  IT CLUSTER."],
)
def test_a_row_updates_the_cluster_with_the_same_normalised_name(existing_name):
    cluster = ClusterFactory(name=existing_name, slug="it")

    import_clusters(csv_file([FIGURES_HEADER, row(name="Latvian IT Cluster,")]), year=2017)

    assert Cluster.objects.get() == cluster
    assert cluster.figures.get(year=2017).members == 43


@pytest.mark.django_db
def test_a_row_updates_the_cluster_with_the_same_slug():
    cluster = ClusterFactory(name="IT klasteris", slug="latvian-it-cluster")

    import_clusters(csv_file([FIGURES_HEADER, row()]), year=2017)

    assert list(Cluster.objects.all()) == [cluster]


@pytest.mark.django_db
def test_blank_cells_keep_what_the_cluster_already_has():
    cluster = ClusterFactory(name="Latvian IT Cluster", email="old@itbaltic.com", website="https://it.lv/")

    import_clusters(csv_file([FIGURES_HEADER, row(email="", www="")]), year=2017)

    cluster.refresh_from_db()
    assert (cluster.email, cluster.website) == ("old@itbaltic.com", "https://it.lv/")


@pytest.mark.django_db
def test_submitted_figures_become_approved():
    figures = YearlyFiguresFactory(
        cluster__name="Latvian IT Cluster", members=43, turnover_eur=101_030_068, export_eur=22_297_308,
        status=YearlyFigures.Status.SUBMITTED,
    )  # fmt: skip

    report = import_clusters(csv_file([FIGURES_HEADER, row()]), year=2017)

    figures.refresh_from_db()
    assert (report.updated, figures.status) == (1, YearlyFigures.Status.APPROVED)


# --- formats ---------------------------------------------------------------------------------------------

LATVIAN_ROWS = [
    ["Latvijas klasteri skaitļos (2018)"],
    [],
    ["Cluster", "Number of members", "Turnover EUR", "Export EUR", "Contacts", "www"],
    [
        "Kokrūpniecības klasteris",
        "30",
        "177 710 542",
        "106 791 382",
        "Gatis@Woodhouses.LV",
        "woodhouses.lv/lv",
    ],
]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "source",
    [
        csv_file(LATVIAN_ROWS, encoding="cp1257", delimiter=";"),
        csv_file(LATVIAN_ROWS, bom=True),
        csv_file(LATVIAN_ROWS, delimiter=";", bom=True),
        csv_file(LATVIAN_ROWS, name="figures.tsv", delimiter="\t"),
        csv_file(LATVIAN_ROWS, name="figures.csv", delimiter="\t", encoding="utf-16"),
        csv_file(LATVIAN_ROWS, name="figures.txt", delimiter="\t", encoding="utf-16"),
        csv_file(LATVIAN_ROWS, name="FIGURES.CSV", encoding="cp1257"),
        xlsx(LATVIAN_ROWS),
    ],
    ids=[
        "cp1257-semicolon",
        "utf8-bom",
        "utf8-bom-semicolon",
        "tsv",
        "utf16-tab",
        "excel-unicode-text",
        "cp1257-comma-upper-case-name",
        "xlsx",
    ],
)
def test_files_as_spreadsheet_programs_save_them(source):
    report = import_clusters(source)

    figures = YearlyFigures.objects.get()
    assert report.year == figures.year == 2018
    assert figures.cluster.name == "Kokrūpniecības klasteris"
    assert (figures.members, figures.turnover_eur, figures.export_eur) == (30, 177_710_542, 106_791_382)
    assert (figures.cluster.email, figures.cluster.website) == (
        "gatis@woodhouses.lv",
        "https://woodhouses.lv/lv",
    )


@pytest.mark.django_db
def test_headers_match_ignoring_case_spaces_and_line_breaks_in_any_order():
    header = ["WWW", " export  eur ", "Number of\nmembers", "CLUSTER", "Turnover,\r\nEUR", "contacts"]
    source = xlsx([header, ["www.it.lv", "22 297 308", "43", "Latvian IT Cluster", "101 030 068", "a@it.lv"]])

    import_clusters(source, year=2017)

    figures = YearlyFigures.objects.get()
    assert (figures.members, figures.turnover_eur, figures.export_eur) == (43, 101_030_068, 22_297_308)
    assert figures.cluster.website == "https://www.it.lv"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("written", "number"),
    [
        ("101 030 068", 101_030_068),
        ("101\u00a0030\u00a0068", 101_030_068),
        ("101\u2009030\u2009068", 101_030_068),
        ("101\u202f030\u202f068", 101_030_068),
        ("101,030,068", 101_030_068),
        ("101.030.068", 101_030_068),
        ("101 030 068,00", 101_030_068),
        ("101030068.00", 101_030_068),
        ("101.030.068,00", 101_030_068),
        ("101,030,068.00", 101_030_068),
        (101030068, 101_030_068),
        (101030068.0, 101_030_068),
    ],
)
def test_numbers_as_people_write_them(written, number):
    import_clusters(xlsx([FIGURES_HEADER, row(turnover=written)]), year=2017)

    assert YearlyFigures.objects.get().turnover_eur == number


@pytest.mark.django_db
def test_a_number_that_could_be_read_two_ways_is_refused_when_the_file_does_not_say():
    """1,234 is 1234 where the comma groups thousands and 1.234 where it is the decimal mark."""
    with pytest.raises(ImportFailed, match="decimal mark") as failure:
        import_clusters(xlsx([FIGURES_HEADER, row(turnover="1,234")]), year=2017)

    assert [(error.row, error.column) for error in failure.value.errors] == [(2, "Turnover EUR")]


@pytest.mark.django_db
def test_invisible_characters_and_trailing_commas_are_removed():
    name = "\u200bPrint and media technology cluster, "
    source = csv_file(
        [FIGURES_HEADER, row(name=name, email="IEVA@lpua.lv\u200b", www="http://www.lpua.lv/%e2%80%8b")]
    )

    import_clusters(source, year=2017)

    cluster = Cluster.objects.get()
    assert (cluster.name, cluster.slug) == (
        "Print and media technology cluster",
        "print-and-media-technology-cluster",
    )
    assert (cluster.email, cluster.website) == ("ieva@lpua.lv", "http://www.lpua.lv/")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("written", "address"),
    [
        ("Ieva@LPUA.lv", "ieva@lpua.lv"),
        ("mailto:ieva@lpua.lv", "ieva@lpua.lv"),
        ("Ieva Ozola <ieva@lpua.lv>", "ieva@lpua.lv"),
        ("ieva@lpua.lv\u200b ", "ieva@lpua.lv"),
    ],
)
def test_emails_are_found_lower_cased(written, address):
    import_clusters(csv_file([FIGURES_HEADER, row(email=written)]), year=2017)

    assert Cluster.objects.get().email == address


@pytest.mark.django_db
@pytest.mark.parametrize("written", ["ieva@", "ieva@lpua.lv, janis@lpua.lv", "ieva at lpua.lv", "@lpua.lv"])
def test_anything_but_one_valid_email_is_an_error(written):
    with pytest.raises(ImportFailed) as failure:
        import_clusters(csv_file([FIGURES_HEADER, row(email=written)]), year=2017)

    assert [(error.row, error.column) for error in failure.value.errors] == [(2, "Contacts")]


@pytest.mark.django_db
def test_blank_rows_anywhere_are_ignored():
    rows = [
        [],
        ["Title without a year"],
        [],
        FIGURES_HEADER,
        [],
        row(),
        ["", "", ""],
        row(name="Other cluster"),
        [],
    ]

    report = import_clusters(csv_file(rows), year=2017)

    assert [change.row for change in report.rows] == [6, 8]


# --- errors ----------------------------------------------------------------------------------------------


def errors_of(source, **options) -> list[tuple]:
    with pytest.raises(ImportFailed) as failure:
        import_clusters(source, **options)
    return [(error.row, error.column) for error in failure.value.errors]


@pytest.mark.django_db
def test_every_problem_is_listed_by_spreadsheet_row_and_column_and_nothing_is_written():
    rows = [
        ["Latvian Clusters in Numbers (2017)"],
        [],
        FIGURES_HEADER,
        row(name="Good cluster"),
        row(members="-3"),
        [],
        row(name="Cents", turnover="1 000,50", email="not-an-email"),
        row(name="Ftp", www="ftp://files.lv", export="many"),
        row(name="", members=""),
    ]

    errors = errors_of(xlsx(rows))

    assert errors == [
        (5, "Number of members"),
        (7, "Turnover EUR"),
        (7, "Contacts"),
        (8, "Export EUR"),
        (8, "www"),
        (9, "Cluster"),
        (9, "Number of members"),
    ]
    assert not Cluster.objects.exists()
    assert not YearlyFigures.objects.exists()


@pytest.mark.django_db
def test_a_formula_is_read_as_text_never_computed():
    errors = errors_of(xlsx([FIGURES_HEADER, row(members="=40+3")]), year=2017)

    assert errors == [(2, "Number of members")]


@pytest.mark.django_db
def test_the_same_cluster_twice_is_an_error():
    source = csv_file([FIGURES_HEADER, row(), row(name="LATVIAN IT CLUSTER")])

    assert errors_of(source, year=2017) == [(3, "Cluster")]


@pytest.mark.django_db
def test_a_missing_column_is_named_with_the_header_row():
    source = csv_file([["Title (2017)"], ["Cluster", "Number of members", "Export EUR"], row()])

    assert errors_of(source) == [(2, "Turnover EUR")]


@pytest.mark.django_db
def test_a_file_without_a_header_row_is_refused():
    with pytest.raises(ImportFailed, match="No header row"):
        import_clusters(csv_file([["a", "b"], ["1", "2"]]), year=2017)


@pytest.mark.django_db
def test_a_bad_row_in_the_middle_leaves_nothing_written():
    existing = YearlyFiguresFactory(cluster__name="Latvian IT Cluster", members=1)
    rows = [
        FIGURES_HEADER,
        row(name="First new"),
        row(members="43"),
        row(name="Bad", members="x"),
        row(name="Last"),
    ]

    with pytest.raises(ImportFailed):
        import_clusters(csv_file(rows), year=2017)

    existing.refresh_from_db()
    assert existing.members == 1
    assert list(Cluster.objects.all()) == [existing.cluster]
