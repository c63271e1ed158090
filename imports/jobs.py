"""Confirmed imports run by the task worker (``manage.py db_worker``), never inside the request.

``import_job_start`` records the job and queues ``run_import_job`` in one transaction; the task runs
the admin's importer on the held file in one transaction (every row or none) and records how far it
got, so that staff can follow it in the admin (Import jobs). An import is applied at most once: the
preview's token is unique among jobs (a second confirm finds the first job), the task claims a job
only while it is queued (a second run of the task does nothing), and the job is marked done inside
the import's own transaction (a worker that dies mid-import leaves the job "running" and the database
as it was). ``fail_stalled`` (run by ``purge_import_uploads``) marks such a job failed after
``IMPORT_JOB_STALL_SECONDS`` without progress; should its import still be alive after all, it finds its
job no longer running when it comes to mark it done, and rolls back.
"""

import datetime

from django.apps import apps
from django.conf import settings
from django.contrib import admin
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task

from core.validators import strip_bidi_controls

from . import progress, uploads
from .files import Spreadsheet
from .models import ImportJob, ImportStage, JobStatus
from .report import ImportFailed, ImportReport, RowError

PREVIEW_ROWS = 500  # the changed rows a preview shows; its counts cover them all
PROGRESS_EVERY_ROWS = 500  # rows between two progress writes: a write per row would slow the import


def import_job_start(
    *, spreadsheet: Spreadsheet, token: str, user, target: str, options: dict, language: str
) -> ImportJob:
    """Queue the import of the previewed ``spreadsheet`` (kept under ``token``) into the admin of
    ``target`` (``app_label.model_name``) with the importer ``options`` (JSON values).

    Returns the new job, or the job already started from the same preview (nothing is queued twice).
    """
    try:
        with transaction.atomic():
            job = ImportJob.objects.create(
                user=user,
                token=token,
                target=target,
                options=options,
                file_name=strip_bidi_controls(spreadsheet.name)[:255],
                language=language,
            )
            uploads.hold(spreadsheet, token=token)
            run_import_job.enqueue(job_id=job.pk)
    except IntegrityError:
        return ImportJob.objects.get(token=token, user=user, dry_run=False)
    return job


def import_preview_start(
    *, token: str, file_name: str, user, target: str, options: dict, language: str
) -> ImportJob:
    """Queue the preview of a large upload, kept for ``user`` under ``token`` (``uploads.keep``): the
    importer's dry run, whose outcome the job's page shows with the Confirm button."""
    with transaction.atomic():
        job = ImportJob.objects.create(
            user=user,
            token=token,
            dry_run=True,
            target=target,
            options=options,
            file_name=strip_bidi_controls(file_name)[:255],
            language=language,
        )
        run_import_job.enqueue(job_id=job.pk)
    return job


class JobProgress:
    """Records an import's progress on its job; see ``imports.progress.ImportProgress``."""

    def __init__(self, job_id: int) -> None:
        self.jobs = ImportJob.objects.filter(pk=job_id)
        self.recorded: tuple[str, int] = (ImportStage.READ, 0)

    def rows_checked(self, done: int, total: int) -> None:
        self._record(ImportStage.CHECK, done, total)

    def rows_compared(self, done: int, total: int) -> None:
        self._record(ImportStage.COMPARE, done, total)

    def writing(self, total: int) -> None:
        self._update(stage=ImportStage.WRITE, rows_done=0, rows_total=total)

    def _record(self, stage: str, done: int, total: int) -> None:
        """Written when a stage starts or ends and every ``PROGRESS_EVERY_ROWS`` rows in between."""
        last_stage, last_done = self.recorded
        if stage != last_stage or done == total or done - last_done >= PROGRESS_EVERY_ROWS:
            self.recorded = (stage, done)
            self._update(stage=stage, rows_done=done, rows_total=total)

    def _update(self, **values) -> None:
        self.jobs.update(updated_at=timezone.now(), **values)

    def written(self, report: ImportReport) -> None:
        marked = self.jobs.filter(status=JobStatus.RUNNING).update(
            status=JobStatus.DONE,
            rows_done=len(report.rows),
            rows_total=len(report.rows),
            created=report.created,
            updated=report.updated,
            unchanged=report.unchanged,
            notes=[str(note) for note in report.notes],
            updated_at=timezone.now(),
            finished_at=timezone.now(),
        )
        if not marked:  # declared stalled meanwhile: staff were told nothing was written, so it is not
            raise ImportFailed([RowError(None, None, stalled_message())])


def stalled_message() -> str:
    """The message of an import that stopped without finishing, in the active language."""
    return _("The import stopped without finishing (the task worker was interrupted); nothing was written.")


def fail_stalled(*, now: datetime.datetime | None = None) -> int:
    """Mark failed the running imports without progress for ``IMPORT_JOB_STALL_SECONDS``; returns how many."""
    before = (now or timezone.now()) - datetime.timedelta(seconds=settings.IMPORT_JOB_STALL_SECONDS)
    stalled = list(ImportJob.objects.stalled(before=before))
    for job in stalled:
        with translation.override(job.language or None):
            _fail(job, [RowError(None, None, stalled_message())])
        uploads.release(job.token)
    return len(stalled)


def purge_ended(*, now: datetime.datetime | None = None) -> int:
    """Delete the jobs that ended more than ``IMPORT_JOB_LIFETIME_DAYS`` ago; returns how many.

    Their errors may quote cells of the file (a contact's e-mail), kept no longer than staff need them.
    """
    moment = (now or timezone.now()) - datetime.timedelta(days=settings.IMPORT_JOB_LIFETIME_DAYS)
    deleted, _by_model = ImportJob.objects.ended_before(moment).delete()
    return deleted


@task()
def run_import_job(*, job_id: int) -> str:
    """Run a queued import job; returns its status. A job that is not queued is left alone."""
    claimed = ImportJob.objects.filter(pk=job_id, status=JobStatus.QUEUED)
    if not claimed.update(status=JobStatus.RUNNING, updated_at=timezone.now()):
        return "not queued"
    job = ImportJob.objects.select_related("user").get(pk=job_id)
    with translation.override(job.language or None):
        try:
            _run(job)
        except ImportFailed as failure:
            _fail(job, failure.errors)
        except Exception:
            _fail(
                job,
                [
                    RowError(
                        None, None, _("The import stopped with an unexpected error; nothing was written.")
                    )
                ],
            )
            raise
        finally:
            if not job.dry_run:
                uploads.release(job.token)  # a preview's file waits for the confirm, as after any preview
    return ImportJob.objects.values_list("status", flat=True).get(pk=job_id)


def _run(job: ImportJob) -> None:
    spreadsheet = uploads.take(job.token, user=job.user) if job.dry_run else uploads.held(job.token)
    if spreadsheet is None:
        raise ImportFailed([RowError(None, None, _("The file is no longer there; upload it again."))])
    model_admin = admin.site.get_model_admin(apps.get_model(job.target))
    with progress.reporting_to(JobProgress(job.pk)):
        report = model_admin.run_import(spreadsheet, dry_run=job.dry_run, user=job.user, **job.options)
    if job.dry_run:
        _previewed(job, report)


def _previewed(job: ImportJob, report: ImportReport) -> None:
    """Record a preview's counts, notes and first changed rows as the page shows them."""
    shown = [
        {
            "row": row.row,
            "action": str(row.action.label),
            "label": row.label,
            "changes": [str(c) for c in row.changes],
            "warnings": list(row.warnings),
        }
        for row in report.changed_rows[:PREVIEW_ROWS]
    ]
    ImportJob.objects.filter(pk=job.pk, status=JobStatus.RUNNING).update(
        status=JobStatus.DONE,
        rows_done=len(report.rows),
        rows_total=len(report.rows),
        created=report.created,
        updated=report.updated,
        unchanged=report.unchanged,
        notes=[str(note) for note in report.notes],
        preview=shown,
        updated_at=timezone.now(),
        finished_at=timezone.now(),
    )


def _fail(job: ImportJob, errors: list[RowError]) -> None:
    ImportJob.objects.filter(pk=job.pk, status=JobStatus.RUNNING).update(
        status=JobStatus.FAILED,
        errors=[
            {"row": error.row, "column": error.column, "message": str(error.message), "value": error.value}
            for error in errors
        ],
        updated_at=timezone.now(),
        finished_at=timezone.now(),
    )
