"""Excel exports too large to build while a request waits, written by the task worker.

``export_job_start`` records which rows and columns were asked for and queues ``run_export_job``,
which writes the workbook row by row (openpyxl's write-only mode: memory stays flat whatever the
size) into the ``exports`` storage, in a folder named after its requester and a random token. The
cells are the resource's (``export_resource``), so they are formula-safe exactly as the exports built
in the request. Files are deleted ``EXPORT_LIFETIME`` seconds after they were asked for
(``purge_exports``).
"""

import datetime
import secrets
import tempfile
from collections.abc import Iterator, Sequence

from django.conf import settings
from django.core.files import File
from django.core.files.storage import storages
from django.db import transaction
from django.utils import timezone, translation
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from django_tasks import task
from import_export.resources import Resource
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from core.validators import strip_bidi_controls

from .models import ExportJob, JobStatus

CHUNK_ROWS = 2000  # rows read per query, and rows between two progress writes


def storage():
    return storages["exports"]


def export_job_start(
    *,
    user,
    resource: type[Resource],
    fields: Sequence[str] | None,
    ids: Sequence[int],
    file_name: str,
    language: str,
) -> ExportJob:
    """Queue an xlsx export of the rows ``ids`` (in this order) through ``resource`` with the chosen
    ``fields`` (None: all); returns the job, whose page shows the download link once it is written."""
    with transaction.atomic():
        job = ExportJob.objects.create(
            user=user,
            resource=f"{resource.__module__}.{resource.__qualname__}",
            fields=list(fields or []),
            ids=list(ids),
            rows_total=len(ids),
            file_name=strip_bidi_controls(file_name)[:255],
            language=language,
        )
        run_export_job.enqueue(job_id=job.pk)
    return job


@task()
def run_export_job(*, job_id: int) -> str:
    """Write a queued export's workbook; returns its status. A job that is not queued is left alone."""
    if not ExportJob.objects.filter(pk=job_id, status=JobStatus.QUEUED).update(status=JobStatus.RUNNING):
        return "not queued"
    job = ExportJob.objects.get(pk=job_id)
    with translation.override(job.language or None):
        try:
            name = _write(job)
        except Exception:
            message = _("The export stopped with an unexpected error; export again or choose csv.")
            _finish(job, status=JobStatus.FAILED, error=message)
            raise
    _finish(job, status=JobStatus.DONE, file=name, rows_done=job.rows_total)
    return JobStatus.DONE


def _finish(job: ExportJob, **values) -> None:
    ExportJob.objects.filter(pk=job.pk, status=JobStatus.RUNNING).update(finished_at=timezone.now(), **values)


def _resource(job: ExportJob) -> Resource:
    resource_class = import_string(job.resource)
    if not (isinstance(resource_class, type) and issubclass(resource_class, Resource)):
        raise TypeError(f"{job.resource} is not an export resource")
    return resource_class()


def _write(job: ExportJob) -> str:
    """Write the workbook to a temporary file, then into the storage; returns its name there."""
    resource = _resource(job)
    fields = job.fields or None
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet()
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)
    headers = []
    for header in resource.get_export_headers(selected_fields=fields):
        cell = WriteOnlyCell(sheet, value=header)
        cell.font = bold
        headers.append(cell)
    sheet.append(headers)
    for done, instance in _instances(resource, job.ids):
        sheet.append(resource.export_resource(instance, selected_fields=fields))
        if done % CHUNK_ROWS == 0:
            ExportJob.objects.filter(pk=job.pk).update(rows_done=done)
    with tempfile.TemporaryFile() as written:
        workbook.save(written)
        written.seek(0)
        name = f"user-{job.user_id}/{secrets.token_hex(16)}/{job.file_name}"
        return storage().save(name, File(written))


def _instances(resource: Resource, ids: list[int]) -> Iterator[tuple[int, object]]:
    """The rows in the order asked for, a chunk per query; rows deleted since are left out."""
    model = resource._meta.model
    done = 0
    for start in range(0, len(ids), CHUNK_ROWS):
        chunk = ids[start : start + CHUNK_ROWS]
        found = {row.pk: row for row in resource.filter_export(model.objects.filter(pk__in=chunk))}
        for pk in chunk:
            done += 1
            if pk in found:
                yield done, found[pk]


def purge_expired(*, now: datetime.datetime | None = None) -> int:
    """Delete the export jobs asked for more than ``EXPORT_LIFETIME`` seconds ago, with their files;
    returns how many."""
    before = (now or timezone.now()) - datetime.timedelta(seconds=settings.EXPORT_LIFETIME)
    jobs = ExportJob.objects.expired(before=before)
    for name in jobs.exclude(file="").values_list("file", flat=True):
        storage().delete(name)
    deleted, _counts = jobs.delete()
    return deleted
