"""The file waits between preview and confirm in the shared storage, for its uploader only, and is
deleted on confirm, on cancel and after an hour."""

import os
import time
from io import StringIO
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from clusters.models import YearlyFigures
from tests.clusters.spreadsheets import FIGURES_HEADER, csv_bytes
from tests.factories import UserFactory

URL = "admin:clusters_cluster_import"
FIGURES = [FIGURES_HEADER, ["Latvian IT Cluster", "43", "101 030 068", "22 297 308", "", ""]]


@pytest.fixture
def kept(settings, tmp_path) -> Path:
    folder = tmp_path / "uploads"
    settings.STORAGES = {
        **settings.STORAGES,
        "imports": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(folder)},
        },
    }
    return folder


def kept_files(folder: Path) -> list[Path]:
    return [path for path in folder.rglob("*") if path.is_file()] if folder.exists() else []


def preview(client) -> str:
    response = client.post(
        reverse(URL), {"file": SimpleUploadedFile("figures.csv", csv_bytes(FIGURES)), "year": "2017"}
    )
    return response.context["confirm_form"]["token"].value()


def test_preview_on_one_server_and_confirm_on_another(staff_user, kept):
    first, second = Client(), Client()  # two sessions, nothing shared but the database and the storage
    first.force_login(staff_user)
    second.force_login(staff_user)
    token = preview(first)
    assert len(kept_files(kept)) == 1

    response = second.post(reverse(URL), {"token": token, "year": "2017"})

    assert response.status_code == 302
    assert YearlyFigures.objects.get().turnover_eur == 101_030_068
    assert kept_files(kept) == []


def test_another_user_cannot_confirm_the_file(staff_client, kept):
    token = preview(staff_client)
    other = Client()
    other.force_login(UserFactory(is_staff=True, is_superuser=True))

    other.post(reverse(URL), {"token": token, "year": "2017"})

    assert not YearlyFigures.objects.exists()
    assert len(kept_files(kept)) == 1


def test_cancel_deletes_the_file(staff_client, kept):
    token = preview(staff_client)

    response = staff_client.post(reverse(URL), {"token": token, "cancel": "Cancel"})

    assert response.status_code == 302
    assert kept_files(kept) == []
    assert not YearlyFigures.objects.exists()


def age(files: list[Path], seconds: int) -> None:
    for path in files:
        then = time.time() - seconds
        os.utime(path, (then, then))


def test_a_file_older_than_an_hour_is_refused_and_deleted(staff_client, kept):
    token = preview(staff_client)
    age(kept_files(kept), 3601)

    response = staff_client.post(reverse(URL), {"token": token, "year": "2017"}, follow=True)

    assert "This preview has expired" in response.content.decode()
    assert not YearlyFigures.objects.exists()
    assert kept_files(kept) == []


def test_the_purge_command_deletes_only_expired_files(staff_client, kept):
    preview(staff_client)
    old = kept_files(kept)
    preview(staff_client)
    fresh = [path for path in kept_files(kept) if path not in old]
    age(old, 3601)
    out = StringIO()

    call_command("purge_import_uploads", stdout=out)

    assert kept_files(kept) == fresh
    assert "1 expired upload(s) deleted." in out.getvalue()


def test_a_new_upload_sweeps_expired_ones_away(staff_client, kept):
    preview(staff_client)
    old = kept_files(kept)
    age(old, 3601)

    preview(staff_client)

    assert len(kept_files(kept)) == 1
    assert kept_files(kept) != old


def test_a_preview_with_nothing_to_change_keeps_no_file_and_offers_no_confirm(staff_client, kept):
    token = preview(staff_client)
    staff_client.post(reverse(URL), {"token": token, "year": "2017"})

    again = staff_client.post(
        reverse(URL), {"file": SimpleUploadedFile("figures.csv", csv_bytes(FIGURES)), "year": "2017"}
    )

    assert "Nothing would change" in again.content.decode()
    assert "Confirm import" not in again.content.decode()
    assert kept_files(kept) == []
