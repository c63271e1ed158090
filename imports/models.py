"""Background imports and exports: what staff asked for, and how far the worker got with it."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _


class JobStatus(models.TextChoices):
    QUEUED = "queued", _("queued")
    RUNNING = "running", _("running")
    DONE = "done", _("done")
    FAILED = "failed", _("failed")


class ImportStage(models.TextChoices):
    READ = "read", _("reading the file")
    CHECK = "check", _("checking rows")
    COMPARE = "compare", _("comparing with the database")
    WRITE = "write", _("writing")


class Job(models.Model):
    """What import and export jobs share: who asked, for which file, and how far the worker got.

    ``rows_done`` (each job's own, as they count different rows) of ``rows_total``; ``finished_at`` is
    set when the job is done or failed.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("started by"),
    )
    file_name = models.CharField(_("file"), max_length=255, editable=False)
    status = models.CharField(_("status"), max_length=10, choices=JobStatus.choices, default=JobStatus.QUEUED)
    rows_total = models.PositiveIntegerField(_("rows"), default=0)
    created_at = models.DateTimeField(_("started on"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished on"), null=True, blank=True)

    class Meta:
        abstract = True
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.file_name} ({self.get_status_display()})"

    @property
    def finished(self) -> bool:
        return self.status in (JobStatus.DONE, JobStatus.FAILED)

    @property
    def percent(self) -> int:
        """``rows_done`` in per cent of ``rows_total`` (0 before the rows are known)."""
        return self.rows_done * 100 // self.rows_total if self.rows_total else 0


class ImportJobQuerySet(models.QuerySet):
    def visible_to(self, user) -> "ImportJobQuerySet":
        """The jobs a member of staff may see: their own; a superuser sees everyone's."""
        return self if user.is_superuser else self.filter(user=user)

    def ended_before(self, moment) -> "ImportJobQuerySet":
        """Done or failed jobs that ended before ``moment``."""
        return self.filter(status__in=[JobStatus.DONE, JobStatus.FAILED], finished_at__lt=moment)

    def stalled(self, *, before) -> "ImportJobQuerySet":
        """Running jobs that recorded no progress since ``before``: their worker has most likely stopped."""
        return self.filter(status=JobStatus.RUNNING, updated_at__lt=before)


class ImportJob(Job):
    """One confirmed import, run by the task worker in one transaction: every row or none.

    ``token`` is the previewed upload's; it is unique, so confirming the same preview twice finds this
    job instead of importing again. ``target`` names the admin whose Import was used (``app.model``);
    ``options`` are its form's importer options (JSON values).
    """

    target = models.CharField(_("imported into"), max_length=100, editable=False)
    options = models.JSONField(_("options"), default=dict, blank=True)
    token = models.CharField(max_length=64, db_index=True, editable=False)
    dry_run = models.BooleanField(
        _("preview only"),
        default=False,
        help_text=_("A large file's preview, run like an import but writing nothing."),
    )
    language = models.CharField(
        _("language"), max_length=10, blank=True, editable=False, help_text=_("Of the messages.")
    )
    stage = models.CharField(_("stage"), max_length=10, choices=ImportStage.choices, default=ImportStage.READ)
    rows_done = models.PositiveIntegerField(_("rows done"), default=0, help_text=_("Of the stage."))
    created = models.PositiveIntegerField(_("created"), null=True, blank=True)
    updated = models.PositiveIntegerField(_("updated"), null=True, blank=True)
    unchanged = models.PositiveIntegerField(_("unchanged"), null=True, blank=True)
    notes = models.JSONField(_("notes"), default=list, blank=True)
    preview = models.JSONField(default=list, blank=True, editable=False)  # a preview's first changed rows
    errors = models.JSONField(
        _("errors"), default=list, blank=True, help_text=_("Each problem: row, column, message, cell.")
    )
    updated_at = models.DateTimeField(_("last progress"), auto_now=True)

    objects = ImportJobQuerySet.as_manager()

    class Meta(Job.Meta):
        verbose_name = _("import job")
        verbose_name_plural = _("import jobs")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(rows_done__lte=models.F("rows_total")),
                name="import_job_rows_done_le_total",
            ),
            # A previewed file is imported at most once.
            models.UniqueConstraint(
                fields=["token"], condition=models.Q(dry_run=False), name="import_job_token_imported_once"
            ),
        ]

    @property
    def changed(self) -> int:
        return (self.created or 0) + (self.updated or 0)

    def summary(self) -> str:
        """One line on where the job stands: its counts, its problems or its rows so far."""
        if self.status == JobStatus.DONE:
            counts = {
                "created": self.created or 0,
                "updated": self.updated or 0,
                "unchanged": self.unchanged or 0,
            }
            if self.dry_run:
                message = gettext(
                    "Dry run: %(created)d would be created, %(updated)d updated, %(unchanged)d unchanged; "
                    "nothing was written."
                )
                return message % counts
            return gettext("%(created)d created, %(updated)d updated, %(unchanged)d unchanged.") % counts
        if self.status == JobStatus.FAILED:
            count = len(self.errors)
            return ngettext("%(count)d problem", "%(count)d problems", count) % {"count": count}
        if self.status == JobStatus.RUNNING:
            counts = {"stage": self.get_stage_display(), "done": self.rows_done, "total": self.rows_total}
            return gettext("%(stage)s: %(done)d of %(total)d rows") % counts
        return self.get_status_display()


class ExportJobQuerySet(models.QuerySet):
    def visible_to(self, user) -> "ExportJobQuerySet":
        """A member of staff's own exports. Superusers too see only theirs: a file is its requester's
        download, and anyone who may export can export again."""
        return self.filter(user=user)

    def expired(self, *, before) -> "ExportJobQuerySet":
        return self.filter(created_at__lt=before)


class ExportJob(Job):
    """An Excel export too large to build during a request, written by the task worker for its requester.

    ``resource`` is the dotted path of the export's resource class (its columns, formula-safe cells),
    ``fields`` the columns chosen (empty: all), ``ids`` the rows in the list's order when it was asked
    for. ``file`` names the finished file in the ``exports`` storage.
    """

    resource = models.CharField(max_length=200, editable=False)
    fields = models.JSONField(default=list, blank=True, editable=False)
    ids = models.JSONField(default=list, blank=True, editable=False)
    language = models.CharField(
        _("language"), max_length=10, blank=True, editable=False, help_text=_("Of the headers.")
    )
    rows_done = models.PositiveIntegerField(_("rows written"), default=0)
    file = models.CharField(max_length=300, blank=True, editable=False)
    error = models.TextField(_("error"), blank=True, editable=False)

    objects = ExportJobQuerySet.as_manager()

    class Meta(Job.Meta):
        verbose_name = _("export job")
        verbose_name_plural = _("export jobs")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(rows_done__lte=models.F("rows_total")),
                name="export_job_rows_done_le_total",
            ),
        ]

    def summary(self) -> str:
        if self.status == JobStatus.FAILED:
            return self.error
        return gettext("%(done)d of %(total)d rows") % {"done": self.rows_done, "total": self.rows_total}
