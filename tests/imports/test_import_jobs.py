"""Confirmed admin imports run as background tasks: progress for staff, every row or none, never twice."""

import datetime
import io
import os
import re
import time
from unittest import mock

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from clusters.models import Cluster, Company, YearlyFigures
from imports import uploads
from imports.jobs import JobProgress, run_import_job
from imports.models import ImportJob, JobStatus
from tests.clusters.spreadsheets import FIGURES_HEADER, MEMBERS_HEADER, csv_bytes
from tests.factories import ClusterFactory, UserFactory, make_registration_number

FIGURES = [["Latvian Clusters in Numbers (2017)"], FIGURES_HEADER, ["Latvian IT Cluster", "43", "101 030 068", "22 297 308", "", ""], ["Food Cluster", "12", "5 000 000", "1 000 000", "", ""]]  # fmt: skip
IMPORT = "admin:clusters_cluster_import"


@pytest.fixture(autouse=True)
def kept(settings, tmp_path):
    """Uploads, and files held for their import, in a folder of the test's own."""
    settings.STORAGES = {
        **settings.STORAGES,
        "imports": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path},
        },
    }
    return tmp_path


def preview(client, url_name=IMPORT, name="figures.csv", rows=FIGURES, **options) -> str:
    response = client.post(reverse(url_name), {"file": SimpleUploadedFile(name, csv_bytes(rows)), **options})
    return response.context["confirm_form"]["token"].value()


def confirm(client, token, url_name=IMPORT, **options):
    return client.post(reverse(url_name), {"token": token, **options})


def job_page(job) -> str:
    return reverse("admin:imports_importjob_change", args=[job.pk])


def test_confirm_answers_with_the_job_page_which_shows_the_counts(staff_client, staff_user):
    response = confirm(staff_client, preview(staff_client))

    job = ImportJob.objects.get()
    assert response.status_code == 302 and response.url == job_page(job)
    assert (job.status, job.created, job.updated, job.unchanged) == (JobStatus.DONE, 2, 0, 0)
    assert (job.user, job.file_name, job.rows_done, job.rows_total) == (staff_user, "figures.csv", 2, 2)
    assert YearlyFigures.objects.count() == 2
    page = staff_client.get(response.url).content.decode()
    assert "2 created, 0 updated, 0 unchanged." in page
    assert 'http-equiv="refresh"' not in page  # finished: nothing left to wait for


def test_confirming_the_same_preview_twice_imports_once(staff_client):
    token = preview(staff_client)

    first = confirm(staff_client, token)
    second = confirm(staff_client, token)

    assert second.status_code == 302 and second.url == first.url
    assert ImportJob.objects.count() == 1
    assert Cluster.history.filter(history_type="+").count() == 2


def test_a_second_run_of_the_task_imports_nothing(staff_client):
    confirm(staff_client, preview(staff_client))
    job = ImportJob.objects.get()
    Cluster.objects.filter(name="Food Cluster").update(name="Renamed meanwhile")

    assert run_import_job.call(job_id=job.pk) == "not queued"

    assert Cluster.objects.filter(name="Food Cluster").count() == 0
    assert YearlyFigures.objects.count() == 2


def test_a_preview_gone_stale_fails_at_confirm_with_every_row_named_and_writes_nothing(staff_client):
    cluster = ClusterFactory(name="Latvian IT Cluster")
    rows = [MEMBERS_HEADER, ["Tilde SIA", make_registration_number(1), "Latvian IT Cluster", "2015", "", "", "", "", ""]]  # fmt: skip
    token = preview(staff_client, "admin:clusters_membership_import", "members.csv", rows)
    cluster.delete()  # someone removed the cluster between preview and confirm

    response = confirm(staff_client, token, "admin:clusters_membership_import")

    job = ImportJob.objects.get()
    assert job.status == JobStatus.FAILED
    assert [(error["row"], error["column"]) for error in job.errors] == [(2, "Cluster")]
    assert not Company.objects.exists()
    page = staff_client.get(response.url).content.decode()
    assert "Nothing was imported from members.csv: 1 problem." in page


def test_an_error_while_writing_rolls_back_every_row_and_fails_the_job(staff_client):
    token = preview(staff_client)

    with mock.patch.object(JobProgress, "written", side_effect=RuntimeError("worker died")):
        confirm(staff_client, token)

    job = ImportJob.objects.get()
    assert job.status == JobStatus.FAILED
    assert "unexpected error; nothing was written" in job.errors[0]["message"]
    assert not Cluster.objects.exists() and not YearlyFigures.objects.exists()


def test_the_held_file_is_deleted_when_the_import_ends(staff_client, kept):
    token = preview(staff_client)
    confirm(staff_client, token)

    assert uploads.held(token) is None
    assert [path for path in kept.rglob("*") if path.is_file()] == []


def test_a_held_file_outlives_the_upload_lifetime_until_its_import_runs(staff_client, kept, database_tasks):
    token = preview(staff_client)
    confirm(staff_client, token)
    for path in kept.rglob("*"):
        os.utime(path, (time.time() - 7200, time.time() - 7200))  # the worker was busy for two hours

    call_command("purge_import_uploads", stdout=io.StringIO())

    assert uploads.held(token).name == "figures.csv"


@pytest.mark.django_db(transaction=True)  # the worker closes its connection after each task
def test_a_queued_import_waits_shows_its_progress_page_and_the_worker_runs_it_once(database_tasks):
    client = Client()
    client.force_login(UserFactory(is_staff=True, is_superuser=True))

    response = confirm(client, preview(client))

    job = ImportJob.objects.get()
    assert job.status == JobStatus.QUEUED and not Cluster.objects.exists()
    page = client.get(response.url).content.decode()
    assert '<meta http-equiv="refresh" content="2">' in page
    assert "Waiting for the task worker; nothing has been written yet." in page
    assert re.search(r"<script(?![^>]*\bsrc=)", page) is None  # the CSP allows no inline script

    call_command("db_worker", "--batch", "--no-startup-delay", "--interval", "0")

    job.refresh_from_db()
    assert (job.status, job.created) == (JobStatus.DONE, 2)
    assert YearlyFigures.objects.count() == 2
    assert "2 created, 0 updated, 0 unchanged." in client.get(response.url).content.decode()
    run_import_job.enqueue(job_id=job.pk)  # a retried task
    call_command("db_worker", "--batch", "--no-startup-delay", "--interval", "0")
    assert Cluster.history.filter(history_type="+").count() == 2


# --- Who sees which job -------------------------------------------------------------------------------


@pytest.fixture
def job_of_another(db):
    return ImportJob.objects.create(user=UserFactory(is_staff=True), token="a" * 64, target="clusters.cluster", file_name="theirs.csv")  # fmt: skip


def test_another_staff_members_job_is_a_404_and_missing_from_the_list(db, client, job_of_another):
    staff = UserFactory(is_staff=True)
    client.force_login(staff)
    mine = ImportJob.objects.create(
        user=staff, token="b" * 64, target="clusters.cluster", file_name="mine.csv"
    )

    assert client.get(job_page(job_of_another)).status_code == 404
    assert client.get(job_page(mine)).status_code == 200
    assert client.get(reverse("admin:imports_importjob_change", args=["x"])).status_code == 404
    listed = client.get(reverse("admin:imports_importjob_changelist")).content.decode()
    assert "mine.csv" in listed and "theirs.csv" not in listed


def test_a_superuser_sees_every_job(staff_client, job_of_another):
    assert staff_client.get(job_page(job_of_another)).status_code == 200
    assert "theirs.csv" in staff_client.get(reverse("admin:imports_importjob_changelist")).content.decode()


def test_jobs_are_for_staff_only_and_nobody_edits_or_deletes_them(db, client, job_of_another):
    client.force_login(UserFactory(is_staff=False))
    assert client.get(job_page(job_of_another)).status_code == 302  # to the admin's login

    client.force_login(job_of_another.user)
    assert client.post(job_page(job_of_another), {"status": "done"}).status_code == 200
    job_of_another.refresh_from_db()
    assert job_of_another.status == JobStatus.QUEUED
    delete = reverse("admin:imports_importjob_delete", args=[job_of_another.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403
    assert client.get(reverse("admin:imports_importjob_add")).status_code == 403


@pytest.mark.parametrize("jobs", [1, 21])
def test_the_job_list_has_a_fixed_number_of_queries(db, client, django_assert_num_queries, jobs):
    staff = UserFactory(is_staff=True)
    client.force_login(staff)
    for number in range(jobs):
        ImportJob.objects.create(user=staff, token=f"{number:064x}", target="clusters.cluster", file_name=f"{number}.csv")  # fmt: skip

    with django_assert_num_queries(6):
        response = client.get(reverse("admin:imports_importjob_changelist"))

    assert response.status_code == 200


def test_a_failed_jobs_page_lists_every_problem_with_a_fixed_number_of_queries(
    db, client, django_assert_num_queries
):
    staff = UserFactory(is_staff=True)
    client.force_login(staff)
    errors = [{"row": n, "column": "Cluster", "message": "Unknown cluster", "value": f"<b>{n}</b>"} for n in range(2, 23)]  # fmt: skip
    job = ImportJob.objects.create(user=staff, token="c" * 64, target="clusters.cluster", file_name="f.csv", status=JobStatus.FAILED, errors=errors)  # fmt: skip

    with django_assert_num_queries(4):  # the user, their two sets of permissions (the menu), the job
        page = client.get(job_page(job)).content.decode()

    assert page.count("Unknown cluster") == 21
    assert "&lt;b&gt;22&lt;/b&gt;" in page and "<b>22</b>" not in page
    assert "Nothing was imported from f.csv: 21 problems." in page


def test_progress_is_recorded_per_stage_when_a_stage_starts_and_ends_and_every_500_rows(db):
    job = ImportJob.objects.create(token="d" * 64, target="clusters.cluster", file_name="f.csv")
    recorder = JobProgress(job.pk)

    def state():
        job.refresh_from_db()
        return job.stage, job.rows_done, job.rows_total

    recorder.rows_checked(1, 1200)
    assert state() == ("check", 1, 1200)
    recorder.rows_checked(499, 1200)
    assert state() == ("check", 1, 1200)  # not a write per row
    recorder.rows_checked(501, 1200)
    assert state() == ("check", 501, 1200)
    recorder.rows_checked(1200, 1200)
    assert state() == ("check", 1200, 1200)
    recorder.rows_compared(1, 1200)
    assert state() == ("compare", 1, 1200)
    recorder.writing(1200)
    assert state() == ("write", 0, 1200)


@pytest.mark.parametrize(
    ("stage", "rows_done", "shown"),
    [
        ("read", 0, "Reading the file."),
        ("check", 700, "Checking rows: 700 of 1200 rows"),
        ("compare", 1100, "Comparing with the database: 1100 of 1200 rows"),
        ("write", 0, "Every row passed; writing 1200 rows in one transaction."),
    ],
)
def test_a_running_jobs_page_shows_its_stage_and_refreshes(staff_client, staff_user, stage, rows_done, shown):
    job = ImportJob.objects.create(user=staff_user, token="e" * 64, target="clusters.cluster", file_name="f.csv", status=JobStatus.RUNNING, stage=stage, rows_done=rows_done, rows_total=1200)  # fmt: skip

    page = staff_client.get(job_page(job)).content.decode()

    assert shown in page
    assert '<meta http-equiv="refresh" content="2">' in page


def test_a_stalled_import_is_marked_failed_by_the_purge_and_a_late_finish_rolls_back(staff_client, settings):
    settings.IMPORT_JOB_STALL_SECONDS = 0
    token = preview(staff_client)

    def stall_then_finish(recorder, report):
        call_command("purge_import_uploads", stdout=io.StringIO())  # the hourly cron, while this one hangs
        original_written(recorder, report)

    original_written = JobProgress.written
    with mock.patch.object(JobProgress, "written", autospec=True, side_effect=stall_then_finish):
        confirm(staff_client, token)

    job = ImportJob.objects.get()
    assert job.status == JobStatus.FAILED
    assert job.errors[0]["message"].startswith("The import stopped without finishing")
    assert not Cluster.objects.exists() and not YearlyFigures.objects.exists()


def test_the_purge_leaves_imports_that_still_make_progress(staff_user, settings):
    job = ImportJob.objects.create(user=staff_user, token="f" * 64, target="clusters.cluster", file_name="f.csv", status=JobStatus.RUNNING)  # fmt: skip

    call_command("purge_import_uploads", stdout=io.StringIO())

    job.refresh_from_db()
    assert job.status == JobStatus.RUNNING  # an hour without progress first


# --- Large files are previewed in the background too --------------------------------------------------


def upload(client, rows=FIGURES, url_name=IMPORT, name="figures.csv", **options):
    return client.post(reverse(url_name), {"file": SimpleUploadedFile(name, csv_bytes(rows)), **options})


def test_a_large_upload_is_previewed_by_the_worker_then_confirmed_from_the_jobs_page(staff_client, settings):
    settings.IMPORT_BACKGROUND_PREVIEW_SIZE = 10  # bytes: every file of this test counts as large
    ClusterFactory(name="Latvian IT Cluster")

    response = upload(staff_client, year="")

    preview_job = ImportJob.objects.get()
    assert response.status_code == 302 and response.url == job_page(preview_job)
    assert (preview_job.dry_run, preview_job.status, preview_job.created) == (True, JobStatus.DONE, 1)
    assert not YearlyFigures.objects.exists()
    page = staff_client.get(response.url)
    text = page.content.decode()
    assert "Dry run: 1 would be created, 1 updated, 0 unchanged; nothing was written." in text
    assert "Food Cluster" in text and "101 030 068" in text
    assert f'action="{reverse(IMPORT)}"' in text and "Confirm import" in text

    confirm_form = page.context["confirm_form"]
    confirmed = confirm(staff_client, confirm_form["token"].value(), year="")

    imported = ImportJob.objects.get(dry_run=False)
    assert confirmed.url == job_page(imported)
    assert (imported.status, imported.created, imported.updated) == (JobStatus.DONE, 1, 1)
    assert YearlyFigures.objects.count() == 2
    assert confirm(staff_client, confirm_form["token"].value()).url == job_page(imported)  # once only


def test_a_large_upload_with_errors_shows_them_on_the_jobs_page_without_a_confirm(staff_client, settings):
    settings.IMPORT_BACKGROUND_PREVIEW_SIZE = 10
    rows = [*FIGURES, ["Bad Cluster", "many", "1", "1", "", ""]]

    response = upload(staff_client, rows)

    job = ImportJob.objects.get()
    assert job.status == JobStatus.FAILED
    assert [(error["row"], error["column"]) for error in job.errors] == [(5, "Number of members")]
    text = staff_client.get(response.url).content.decode()
    assert "Nothing was imported from figures.csv: 1 problem." in text and "Confirm import" not in text


@pytest.mark.django_db(transaction=True)
def test_a_large_upload_waits_for_the_worker_to_be_previewed(database_tasks, settings):
    settings.IMPORT_BACKGROUND_PREVIEW_SIZE = 10
    client = Client()
    client.force_login(UserFactory(is_staff=True, is_superuser=True))

    response = upload(client)

    assert 'http-equiv="refresh"' in client.get(response.url).content.decode()
    call_command("db_worker", "--batch", "--no-startup-delay", "--interval", "0")
    page = client.get(response.url).content.decode()
    assert "Dry run: 2 would be created" in page and "Confirm import" in page
    assert not Cluster.objects.exists()


def test_a_small_upload_is_still_previewed_at_once(staff_client):
    response = upload(staff_client)

    assert response.status_code == 200 and "Preview of figures.csv" in response.content.decode()
    assert not ImportJob.objects.exists()


def test_a_file_name_loses_its_text_direction_characters_on_the_job(staff_client, settings):
    settings.IMPORT_BACKGROUND_PREVIEW_SIZE = 10

    upload(staff_client, name="figures\u202exslx.csv")

    assert ImportJob.objects.get().file_name == "figuresxslx.csv"


def test_jobs_that_ended_long_ago_are_deleted_and_running_ones_kept(db, settings):
    # A failed job's errors may quote cells of the file (a contact's e-mail): kept only while needed.
    settings.IMPORT_JOB_LIFETIME_DAYS = 30
    now = timezone.now()
    user = UserFactory(is_staff=True)
    old = {"user": user, "file_name": "old.csv", "finished_at": now - datetime.timedelta(days=31)}
    ImportJob.objects.create(token="a", status=JobStatus.DONE, **old)
    ImportJob.objects.create(token="b", status=JobStatus.FAILED, errors=[{"value": "anna@example.lv"}], **old)
    recent = ImportJob.objects.create(
        token="c",
        status=JobStatus.DONE,
        user=user,
        file_name="new.csv",
        finished_at=now - datetime.timedelta(days=29),
    )
    running = ImportJob.objects.create(token="d", status=JobStatus.RUNNING, user=user, file_name="run.csv")

    out = io.StringIO()
    call_command("purge_import_uploads", stdout=out)

    assert set(ImportJob.objects.values_list("pk", flat=True)) == {recent.pk, running.pk}
    assert "2 finished import job(s) deleted." in out.getvalue()
