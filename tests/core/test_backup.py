"""A backup made by scripts/backup restores with scripts/restore into a fresh database, row for row."""

import os
import shutil
import subprocess
from pathlib import Path

import psycopg
import pytest
from django.db import connection

from tests.factories import ClusterFactory, ContactFactory, MembershipFactory, YearlyFiguresFactory

ROOT = Path(__file__).resolve().parent.parent.parent
TABLES = [
    "clusters_cluster",
    "clusters_company",
    "clusters_membership",
    "clusters_contact",
    "clusters_yearlyfigures",
    "clusters_historicalcluster",
    "auth_user",
]

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="backups are pg_dump files of PostgreSQL: run with DATABASE_URL=postgres://...",
    ),
    pytest.mark.skipif(shutil.which("pg_dump") is None, reason="pg_dump is not installed"),
]


def url(name: str) -> str:
    s = connection.settings_dict
    return f"postgres://{s['USER']}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{name}"


def counts(database_url: str) -> dict[str, int]:
    with psycopg.connect(database_url) as conn:
        return {t: conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in TABLES}  # noqa: S608


def run(script: str, *args: str, database_url: str, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run(  # noqa: S603 - the project's own scripts
        [str(ROOT / "scripts" / script), *args],
        env={**os.environ, "DATABASE_URL": database_url, **env},
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.fixture
def fresh_database():
    name = f"lcn_restore_{os.getpid()}"
    with psycopg.connect(url("postgres"), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')
    yield url(name)
    with psycopg.connect(url("postgres"), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.mark.django_db(transaction=True)  # pg_dump sees committed rows only
def test_a_backup_restores_into_a_fresh_database_with_the_same_rows(tmp_path, fresh_database):
    for _ in range(3):
        cluster = ClusterFactory()
        MembershipFactory.create_batch(2, cluster=cluster)
        ContactFactory(cluster=cluster)
        YearlyFiguresFactory(cluster=cluster)
    source = url(connection.settings_dict["NAME"])

    backup = run("backup", database_url=source, BACKUP_DIR=str(tmp_path))
    assert backup.returncode == 0, backup.stderr
    dump = backup.stdout.strip()
    restore = run("restore", dump, database_url=fresh_database)
    assert restore.returncode == 0, restore.stderr

    restored = counts(fresh_database)
    assert restored == counts(source)
    assert restored["clusters_cluster"] == 3
    assert restored["clusters_membership"] == 6


@pytest.mark.django_db(transaction=True)
def test_restore_refuses_a_database_that_has_tables(tmp_path):
    ClusterFactory()
    source = url(connection.settings_dict["NAME"])
    dump = run("backup", database_url=source, BACKUP_DIR=str(tmp_path)).stdout.strip()

    result = run("restore", dump, database_url=source)

    assert result.returncode == 1
    assert "already has" in result.stderr
    assert counts(source)["clusters_cluster"] == 1
