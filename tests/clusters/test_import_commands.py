"""The import commands: what they print, their exit status, and that a failure writes nothing."""

import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from clusters.models import Cluster, Company, Membership, YearlyFigures
from tests.clusters.spreadsheets import FIGURES_HEADER, csv_file, write, xlsx
from tests.factories import ClusterFactory, make_registration_number

ROOT = Path(__file__).resolve().parents[2]
SEED_XLSX = ROOT / "clusters" / "seed_data" / "latvian-clusters-2017.xlsx"


def run(*args) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command(*args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.mark.django_db
def test_import_clusters_prints_a_line_per_cluster_and_a_summary():
    out, _err = run("import_clusters", str(SEED_XLSX))

    assert "Row 7: created Latvian IT Cluster" in out
    assert "14 created, 0 updated, 0 unchanged." in out


@pytest.mark.django_db
def test_import_clusters_twice_says_unchanged():
    run("import_clusters", str(SEED_XLSX))

    out, _err = run("import_clusters", str(SEED_XLSX))

    assert "0 created, 0 updated, 14 unchanged." in out


@pytest.mark.django_db
def test_import_clusters_dry_run_writes_nothing():
    out, _err = run("import_clusters", str(SEED_XLSX), "--dry-run")

    assert "Dry run: 14 would be created" in out
    assert not Cluster.objects.exists()


@pytest.mark.django_db
def test_import_clusters_year_option(tmp_path):
    path = write(tmp_path, csv_file([FIGURES_HEADER, ["IT", "43", "1", "1", "", ""]]))

    run("import_clusters", str(path), "--year", "2019")

    assert YearlyFigures.objects.get().year == 2019


@pytest.mark.django_db
def test_import_clusters_lists_every_error_and_fails(tmp_path):
    rows = [FIGURES_HEADER, ["IT", "-1", "1", "1", "", ""], ["Food", "1", "1", "x", "", "ftp://a.lv"]]
    path = write(tmp_path, csv_file(rows))
    err = StringIO()

    with pytest.raises(CommandError, match="3 problem"):
        call_command("import_clusters", str(path), "--year", "2017", stdout=StringIO(), stderr=err)

    assert err.getvalue().splitlines() == [
        "Row 2, column “Number of members”: The number cannot be negative. (cell: “-1”)",
        "Row 3, column “Export EUR”: Enter a number. (cell: “x”)",
        "Row 3, column “www”: Only http:// and https:// web addresses are accepted. (cell: “ftp://a.lv”)",
    ]
    assert not Cluster.objects.exists()


@pytest.mark.django_db
def test_import_clusters_missing_file():
    with pytest.raises(CommandError, match="1 problem"):
        call_command("import_clusters", "no-such-file.csv", stdout=StringIO(), stderr=StringIO())


def test_a_failed_import_exits_with_a_non_zero_status_and_no_traceback(tmp_path):
    path = write(tmp_path, csv_file([FIGURES_HEADER, ["IT", "many", "1", "1", "", ""]]))

    result = subprocess.run(  # noqa: S603 - our own interpreter and arguments
        [sys.executable, "manage.py", "import_clusters", str(path), "--year", "2017"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )

    assert result.returncode == 1
    # A command speaks the site's language, Latvian.
    assert "2. rinda, kolonna „Number of members”: Ievadiet skaitli." in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.django_db
def test_import_members_with_a_cluster_option_and_dry_run(tmp_path):
    ClusterFactory(name="Latvian IT Cluster", slug="latvian-it-cluster")
    rows = [
        ["Company", "Registration number", "Member since"],
        ["Tilde SIA", make_registration_number(3), "2015"],
    ]
    path = write(tmp_path, xlsx(rows, name="members.xlsx"))

    out, _err = run("import_members", str(path), "--cluster", "latvian-it-cluster", "--dry-run")
    assert "Row 2: created Tilde SIA — Latvian IT Cluster" in out
    assert not Company.objects.exists()

    out, _err = run("import_members", str(path), "--cluster", "latvian-it-cluster")
    assert "1 created, 0 updated, 0 unchanged." in out
    assert Membership.objects.get().company.name == "Tilde SIA"


@pytest.mark.django_db
def test_import_members_without_a_cluster_column_or_option_fails(tmp_path):
    path = write(tmp_path, csv_file([["Company", "Registration number"], ["Tilde SIA", ""]], name="m.csv"))
    err = StringIO()

    with pytest.raises(CommandError):
        call_command("import_members", str(path), stdout=StringIO(), stderr=err)

    assert "Row 1, column “Cluster”: This column is missing from the header row." in err.getvalue()
