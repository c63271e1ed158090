"""Plausibility warnings in the figures import: the same warnings as the portal and the review, per row,
in the dry run, the command's output and the admin's preview; warnings, never refusals."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from clusters.importers import import_clusters
from clusters.models import YearlyFigures
from clusters.plausibility import figures_warnings_for
from tests.clusters.spreadsheets import FIGURES_HEADER, csv_bytes, csv_file, write
from tests.factories import ClusterFactory, MembershipFactory, YearlyFiguresFactory

YEARLY_HEADER = ["Cluster", "Year", "Number of members", "Turnover EUR", "Export EUR"]


def figures_row(name="Latvian IT Cluster", members="43", turnover="1 000 000", export="400 000"):
    return [name, members, turnover, export, "", ""]


@pytest.mark.django_db
def test_export_above_turnover_is_a_warning_on_its_row_and_the_figures_are_imported():
    rows = [FIGURES_HEADER, figures_row("Cluster A"), figures_row("Cluster B", export="2 500 000")]

    report = import_clusters(csv_file(rows), year=2017)

    assert [change.row for change in report.warned_rows] == [3]
    assert report.warned_rows[0].warnings == [
        "Export (EUR 2,500,000) is greater than turnover (EUR 1,000,000)."
    ]
    assert "Warning: Export (EUR 2,500,000) is greater than turnover" in report.lines[1]
    assert "Warning" not in report.lines[0]
    figures = YearlyFigures.objects.get(cluster__name="Cluster B", year=2017)
    assert (figures.turnover_eur, figures.export_eur) == (1_000_000, 2_500_000)
    assert report.notes[-1].startswith("1 row has a warning")


@pytest.mark.django_db
def test_a_jump_from_the_previous_approved_year_is_the_warning_the_portal_gives():
    cluster = ClusterFactory(name="Latvian IT Cluster")
    YearlyFiguresFactory(
        cluster=cluster, year=2016, members=40, turnover_eur=100_000_000, export_eur=30_000_000
    )
    rows = [FIGURES_HEADER, figures_row(members="41", turnover="450 000 000", export="31 000 000")]

    report = import_clusters(csv_file(rows), year=2017, dry_run=True)

    expected = figures_warnings_for(
        cluster=cluster, year=2017, members=41, turnover_eur=450_000_000, export_eur=31_000_000
    )
    assert [warning.code for warning in expected] == ["turnover_eur_change"]
    assert report.warned_rows[0].warnings == [str(warning) for warning in expected]
    assert "Turnover changed from 100,000,000 in 2016 to 450,000,000" in report.lines[0]
    assert not YearlyFigures.objects.filter(year=2017).exists()


@pytest.mark.django_db
def test_members_far_from_the_companies_listed_are_a_warning():
    cluster = ClusterFactory(name="Latvian IT Cluster")
    MembershipFactory.create_batch(3, cluster=cluster)
    rows = [FIGURES_HEADER, figures_row(members="40")]
    last_year = timezone.localdate().year - 1

    report = import_clusters(csv_file(rows), year=last_year, dry_run=True)

    assert report.warned_rows[0].warnings == [
        str(warning)
        for warning in figures_warnings_for(
            cluster=cluster, year=last_year, members=40, turnover_eur=1_000_000, export_eur=400_000
        )
    ]
    assert "the directory lists 3 current member companies" in report.lines[0]


@pytest.mark.django_db
def test_an_earlier_year_in_the_same_file_is_the_previous_year():
    YearlyFiguresFactory(
        cluster__name="Latvian IT Cluster", year=2015, members=40, turnover_eur=100_000_000, export_eur=1
    )
    rows = [
        YEARLY_HEADER,
        ["Latvian IT Cluster", "2016", "40", "100 000 000", "30 000 000"],
        ["Latvian IT Cluster", "2017", "41", "450 000 000", "31 000 000"],
        ["New cluster", "2016", "10", "1 000 000", "100 000"],
        ["New cluster", "2017", "10", "1 100 000", "900 000"],
    ]

    report = import_clusters(csv_file(rows), dry_run=True)

    warned = {change.row: change.warnings for change in report.warned_rows}
    assert list(warned) == [2, 3, 5]
    assert warned[2] == ["Export changed from 1 in 2015 to 30,000,000, by more than a factor of 2."]
    assert warned[3] == [
        "Turnover changed from 100,000,000 in 2016 to 450,000,000, by more than a factor of 2."
    ]
    assert warned[5] == ["Export changed from 100,000 in 2016 to 900,000, by more than a factor of 2."]


@pytest.mark.django_db
def test_plausible_figures_and_unchanged_rows_have_no_warnings():
    cluster = ClusterFactory(name="Latvian IT Cluster")
    YearlyFiguresFactory(cluster=cluster, year=2016, members=40, turnover_eur=1_000_000, export_eur=400_000)
    rows = [FIGURES_HEADER, figures_row(export="2 500 000")]
    import_clusters(csv_file(rows), year=2017)

    again = import_clusters(csv_file(rows), year=2017)
    plausible = import_clusters(csv_file([FIGURES_HEADER, figures_row(members="41")]), year=2017)

    assert (again.unchanged, again.warned_rows) == (1, [])
    assert (plausible.updated, plausible.warned_rows) == (1, [])
    assert not any("warning" in note for note in plausible.notes)


@pytest.mark.django_db
def test_the_warnings_take_the_same_queries_for_one_row_as_for_many(django_assert_max_num_queries):
    def rows(count):
        return [FIGURES_HEADER] + [figures_row(f"Cluster {n}", export="2 000 000") for n in range(count)]

    for n in range(12):
        cluster = ClusterFactory(name=f"Cluster {n}")
        YearlyFiguresFactory(cluster=cluster, year=2016)
        MembershipFactory(cluster=cluster)
    with django_assert_max_num_queries(100) as one:
        import_clusters(csv_file(rows(1)), year=2017, dry_run=True)
    with django_assert_max_num_queries(len(one.captured_queries)) as many:
        report = import_clusters(csv_file(rows(12)), year=2017, dry_run=True)

    assert len(report.warned_rows) == 12
    assert len(many.captured_queries) == len(one.captured_queries)


@pytest.mark.django_db
def test_the_command_dry_run_prints_the_warnings_and_writes_nothing(tmp_path, capsys):
    path = write(tmp_path, csv_file([FIGURES_HEADER, figures_row(export="2 500 000")]))

    call_command("import_clusters", str(path), "--year", "2017", "--dry-run")

    output = capsys.readouterr().out
    assert "Row 2: created Latvian IT Cluster" in output
    assert "Warning: Export (EUR 2,500,000) is greater than turnover (EUR 1,000,000)." in output
    assert "1 row has a warning" in output
    assert not YearlyFigures.objects.exists()


def test_the_admin_preview_shows_each_rows_warnings_and_still_offers_to_confirm(staff_client):
    rows = [FIGURES_HEADER, figures_row("Cluster A"), figures_row("Cluster B", export="2 500 000")]
    url = reverse("admin:clusters_cluster_import")

    response = staff_client.post(url, {"file": SimpleUploadedFile("f.csv", csv_bytes(rows)), "year": "2017"})

    content = response.content.decode()
    assert response.status_code == 200
    assert content.count('class="warning"') == 1
    assert "Warning: Export (EUR 2,500,000) is greater than turnover (EUR 1,000,000)." in content
    assert "1 row has a warning" in content
    assert "Confirm import" in content
    assert not YearlyFigures.objects.exists()


def test_the_latvian_admin_preview_shows_the_warnings_in_latvian(staff_client):
    rows = [FIGURES_HEADER, figures_row(export="2 500 000")]
    url = reverse("admin:clusters_cluster_import").removeprefix("/en")

    response = staff_client.post(url, {"file": SimpleUploadedFile("f.csv", csv_bytes(rows)), "year": "2017"})

    content = response.content.decode()
    assert response.status_code == 200
    assert 'class="warning"' in content
    assert "Warning:" not in content
