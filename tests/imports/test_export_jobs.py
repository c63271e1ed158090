"""Large exports written by the task worker: the requester's download only, deleted after a day."""

import datetime
import io

import openpyxl
import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from clusters.resources import CompanyResource
from imports import exports
from imports.exports import export_job_start, run_export_job
from imports.models import ExportJob, JobStatus
from tests.factories import CompanyFactory, UserFactory


def start(user, ids, **options) -> ExportJob:
    return export_job_start(
        user=user,
        resource=CompanyResource,
        fields=options.get("fields", ["name", "city"]),
        ids=ids,
        file_name="Company-2026-11-29.xlsx",
        language="en",
    )


def page(job) -> str:
    return reverse("admin:imports_exportjob_change", args=[job.pk])


def download(job) -> str:
    return reverse("admin:imports_exportjob_download", args=[job.pk])


def rows_of(response) -> list[tuple]:
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    return list(sheet.iter_rows(values_only=True))


def test_the_workbook_has_the_chosen_columns_the_rows_in_the_order_asked_and_no_deleted_row(
    staff_client, staff_user, export_storage
):
    first, second, gone = (
        CompanyFactory(name="B SIA", city="Rīga"),
        CompanyFactory(name="A SIA", city="Cēsis"),
        CompanyFactory(),
    )
    ids = [first.pk, gone.pk, second.pk]
    gone_pk = gone.pk
    gone.delete()

    job = start(staff_user, ids)

    job.refresh_from_db()
    assert (job.status, job.rows_done, job.rows_total) == (JobStatus.DONE, 3, 3)
    assert gone_pk in job.ids
    assert rows_of(staff_client.get(download(job))) == [
        ("Company", "City"),
        ("B SIA", "Rīga"),
        ("A SIA", "Cēsis"),
    ]


def test_a_second_run_of_the_task_writes_nothing_more(staff_user, export_storage):
    job = start(staff_user, [CompanyFactory().pk])
    job.refresh_from_db()

    assert run_export_job.call(job_id=job.pk) == "not queued"
    assert len(list(export_storage.rglob("*.xlsx"))) == 1


@pytest.mark.django_db(transaction=True)  # the worker closes its connection after each task
def test_a_queued_export_shows_its_page_refreshing_until_the_worker_wrote_it(database_tasks, export_storage):
    user = UserFactory(is_staff=True, is_superuser=True)
    client = Client()
    client.force_login(user)
    job = start(user, [CompanyFactory(name="Ozols SIA").pk])

    waiting = client.get(page(job)).content.decode()
    assert '<meta http-equiv="refresh" content="2">' in waiting
    assert "Waiting for the task worker." in waiting
    assert client.get(download(job)).status_code == 404  # nothing to download yet

    call_command("db_worker", "--batch", "--no-startup-delay", "--interval", "0")

    done = client.get(page(job)).content.decode()
    assert 'http-equiv="refresh"' not in done and download(job) in done
    assert rows_of(client.get(download(job)))[1][0] == "Ozols SIA"


def test_another_members_export_is_a_404_even_for_a_superuser(db, client, export_storage):
    owner = UserFactory(is_staff=True)
    job = start(owner, [CompanyFactory().pk])
    for other in (UserFactory(is_staff=True), UserFactory(is_staff=True, is_superuser=True)):
        client.force_login(other)
        assert client.get(page(job)).status_code == 404
        assert client.get(download(job)).status_code == 404
        assert "Company-2026" not in client.get(reverse("admin:imports_exportjob_changelist")).text

    client.force_login(owner)
    assert client.get(download(job)).status_code == 200
    assert "Company-2026" in client.get(reverse("admin:imports_exportjob_changelist")).text


def test_exports_are_for_staff_only(db, client, export_storage):
    user = UserFactory(is_staff=False)
    job = start(user, [CompanyFactory().pk])
    client.force_login(user)

    assert client.get(download(job)).status_code == 302  # to the admin's login
    assert client.get(page(job)).status_code == 302


def test_purge_deletes_exports_older_than_a_day_with_their_files(staff_user, export_storage):
    old, new = start(staff_user, [CompanyFactory().pk]), start(staff_user, [CompanyFactory().pk])
    ExportJob.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=1, minutes=1)
    )
    old.refresh_from_db()
    new.refresh_from_db()

    call_command("purge_exports")

    assert list(ExportJob.objects.all()) == [new]
    assert exports.storage().exists(new.file) and not exports.storage().exists(old.file)


@pytest.mark.parametrize("jobs", [1, 21])
def test_the_export_list_has_a_fixed_number_of_queries(db, client, django_assert_num_queries, jobs):
    staff = UserFactory(is_staff=True)
    client.force_login(staff)
    ExportJob.objects.bulk_create(
        ExportJob(user=staff, resource="x", file_name=f"{n}.xlsx") for n in range(jobs)
    )

    with django_assert_num_queries(6):
        response = client.get(reverse("admin:imports_exportjob_changelist"))

    assert response.status_code == 200
