"""The admin's Import: upload a spreadsheet, preview every change, then confirm.

The upload runs the importer as a dry run and shows its report (or every error by row). The file waits
in the ``imports`` storage (see ``imports.uploads``), for the same user only, until they confirm or
cancel. Confirming queues the import as a background task (``imports.jobs``), which runs it again for
real, so it sees the database as it is at that moment; the confirmation answers at once with the job's
page, which refreshes itself until the import is done or failed. Every confirm goes this way, large
file or small: one path to test, and no request ever holds the write.
"""

from django import forms
from django.apps import apps
from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.defaultfilters import filesizeformat
from django.template.response import TemplateResponse
from django.urls import NoReverseMatch, path, reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from . import exports, uploads
from .files import Spreadsheet
from .jobs import PREVIEW_ROWS, import_job_start, import_preview_start
from .models import ExportJob, ImportJob, JobStatus
from .report import ImportFailed, ImportReport


class ImportForm(forms.Form):
    """The upload (file) or the confirmation (token of the previewed file); other fields: importer options."""

    file = forms.FileField(
        label=_("Spreadsheet file"),
        required=False,
        help_text=_(
            "An .xlsx workbook (its active sheet is read, unless you name another), or a .csv or .tsv file."
        ),
    )
    sheet = forms.CharField(
        label=_("Sheet"),
        required=False,
        max_length=100,
        help_text=_("For a workbook with several sheets: the name of the sheet to read."),
    )
    token = forms.CharField(widget=forms.HiddenInput, required=False)

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload and upload.size > settings.IMPORT_MAX_FILE_SIZE:
            raise forms.ValidationError(too_large_message())
        return upload

    def clean_token(self):
        token = self.cleaned_data["token"]
        if token and not uploads.TOKEN.match(token):
            raise forms.ValidationError(_("This preview has expired; upload the file again."))
        return token

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("file") and not cleaned.get("token") and not self.errors:
            self.add_error("file", _("Choose a file."))
        return cleaned

    def options(self) -> dict[str, object]:
        """The importer's keyword arguments."""
        return {"sheet": self.cleaned_data.get("sheet") or None}


def too_large_message() -> str:
    return _("The file is larger than %(limit)s.") % {"limit": filesizeformat(settings.IMPORT_MAX_FILE_SIZE)}


class SpreadsheetImportMixin:
    """Adds Import (upload → preview → confirm) to a ModelAdmin, on the URL of django-import-export's button."""

    import_form_class: type[ImportForm] = ImportForm
    import_models: tuple = ()  # the user needs add and change permission on each
    import_template = "imports/spreadsheet_import.html"
    import_export_change_list_template = "admin/import_export/change_list_import_export.html"

    def run_import(self, spreadsheet: Spreadsheet, **options) -> ImportReport:
        raise NotImplementedError

    def get_urls(self):
        view = self.admin_site.admin_view(self.import_view)
        name = f"{self.opts.app_label}_{self.opts.model_name}_import"
        return [path("import/", view, name=name), *super().get_urls()]

    def has_import_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perms(
            f"{model._meta.app_label}.{action}_{model._meta.model_name}"
            for model in self.import_models
            for action in ("add", "change")
        )

    def changelist_view(self, request, extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "has_import_permission": self.has_import_permission(request),
        }
        return super().changelist_view(request, extra_context)

    def import_view(self, request: HttpRequest) -> HttpResponse:
        if not self.has_import_permission(request):
            raise PermissionDenied
        form = self.import_form_class(request.POST or None, request.FILES or None)
        context = {}
        if request.method == "POST" and getattr(request, "upload_too_large", False):
            context = {"errors": [], "too_large": too_large_message()}
        elif request.method == "POST" and "cancel" in request.POST:
            uploads.discard(request.POST.get("token", ""), user=request.user)
            messages.info(request, _("The import was cancelled; nothing was written."))
            return HttpResponseRedirect(self._changelist_url())
        elif request.method == "POST" and form.is_valid():
            if form.cleaned_data["token"]:
                return self._confirm(request, form)
            upload = form.cleaned_data["file"]
            spreadsheet = Spreadsheet(upload.name, upload.read())
            if upload.size > settings.IMPORT_BACKGROUND_PREVIEW_SIZE:
                return self._preview_in_background(request, form, spreadsheet)
            context = self._preview(request, form, spreadsheet)
        return TemplateResponse(request, self.import_template, self._context(request, form, context))

    def _preview(self, request: HttpRequest, form: ImportForm, spreadsheet: Spreadsheet) -> dict:
        try:
            report = self.run_import(spreadsheet, dry_run=True, user=request.user, **form.options())
        except ImportFailed as failure:
            return {"errors": failure.errors, "file_name": spreadsheet.name}
        context = {"report": report, "file_name": spreadsheet.name}
        if report.changed_rows:
            token = uploads.keep(spreadsheet, user=request.user)
            initial = {**form.cleaned_data, "token": token, "file": None}
            context["confirm_form"] = self.import_form_class(initial=initial)
        return context

    def _preview_in_background(self, request: HttpRequest, form: ImportForm, spreadsheet: Spreadsheet):
        """A large file's preview would outlast the app server's timeout: the worker runs it, and its
        page shows the outcome with the Confirm button."""
        job = import_preview_start(
            token=uploads.keep(spreadsheet, user=request.user),
            file_name=spreadsheet.name,
            user=request.user,
            target=self.opts.label_lower,
            options=form.options(),
            language=get_language(),
        )
        return HttpResponseRedirect(job_url(job))

    def _confirm(self, request: HttpRequest, form: ImportForm) -> HttpResponse:
        token = form.cleaned_data["token"]
        started = ImportJob.objects.filter(token=token, user=request.user, dry_run=False).first()
        if started is not None:  # confirmed twice: show the import already under way
            return HttpResponseRedirect(job_url(started))
        spreadsheet = uploads.take(token, user=request.user)
        if spreadsheet is None:
            messages.error(request, _("This preview has expired; upload the file again."))
            return HttpResponseRedirect(request.path)
        job = import_job_start(
            spreadsheet=spreadsheet,
            token=token,
            user=request.user,
            target=self.opts.label_lower,
            options=form.options(),
            language=get_language(),
        )
        uploads.discard(token, user=request.user)
        return HttpResponseRedirect(job_url(job))

    def _changelist_url(self) -> str:
        return reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_changelist")

    def _context(self, request: HttpRequest, form: ImportForm, extra: dict) -> dict:
        return {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("Import %(name)s") % {"name": self.opts.verbose_name_plural},
            "form": self.import_form_class() if extra.get("report") else form,
            "preview_limit": PREVIEW_ROWS,
            "preview_slice": f":{PREVIEW_ROWS}",
            **extra,
        }


def job_url(job: "ImportJob | ExportJob") -> str:
    return reverse(f"admin:imports_{job._meta.model_name}_change", args=[job.pk])


REFRESH_SECONDS = 2


class JobAdmin(admin.ModelAdmin):
    """A background job's list and page, for staff; nobody edits or deletes a job. A job that is not the
    user's (see the queryset's ``visible_to``) is a 404, so the list does not reveal who did what."""

    list_display = ("file_name", "status", "progress", "user", "created_at", "finished_at")
    list_filter = ("status",)
    list_select_related = ("user",)

    def get_queryset(self, request):
        return super().get_queryset(request).visible_to(request.user)

    @admin.display(description=_("progress"))
    def progress(self, job) -> str:
        return job.summary()

    def has_module_permission(self, request) -> bool:
        return request.user.is_active and request.user.is_staff

    def has_view_permission(self, request, obj=None) -> bool:
        return request.user.is_active and request.user.is_staff

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    def get_job(self, request: HttpRequest, object_id) -> "ImportJob | ExportJob":
        if not str(object_id).isdigit():
            raise Http404
        job = self.get_queryset(request).select_related("user").filter(pk=int(object_id)).first()
        if job is None:
            raise Http404
        return job

    def change_view(self, request, object_id, form_url="", extra_context=None):
        """The job's page: status and progress, then its outcome; refreshes itself until it is finished."""
        job = self.get_job(request, object_id)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": job.file_name,
            "job": job,
            "refresh_seconds": None if job.finished else REFRESH_SECONDS,
            **self.job_context(job),
        }
        return TemplateResponse(request, self.change_form_template, context)

    def job_context(self, job) -> dict:
        return {}


@admin.register(ImportJob)
class ImportJobAdmin(JobAdmin):
    """Staff follow their imports here; a superuser sees every import (what changed the directory)."""

    list_display = ("file_name", "imported_into", "status", "progress", "user", "created_at", "finished_at")
    change_form_template = "imports/import_job.html"

    @admin.display(description=_("imported into"))
    def imported_into(self, job: ImportJob) -> str:
        try:
            return str(apps.get_model(job.target)._meta.verbose_name_plural)
        except LookupError:
            return job.target

    def job_context(self, job: ImportJob) -> dict:
        context = {"target_changelist": _target_changelist(job), "target_name": self.imported_into(job)}
        if job.dry_run and job.status == JobStatus.DONE and job.changed:
            target_admin = self.admin_site.get_model_admin(apps.get_model(job.target))
            context["confirm_form"] = target_admin.import_form_class(
                initial={**job.options, "token": job.token}
            )
            context["import_url"] = reverse(f"admin:{job.target.replace('.', '_')}_import")
        return {**context, "preview_limit": PREVIEW_ROWS}


@admin.register(ExportJob)
class ExportJobAdmin(JobAdmin):
    """Staff's own large exports, with the download link once written; another's is a 404 for anyone."""

    change_form_template = "imports/export_job.html"

    def get_urls(self):
        download = self.admin_site.admin_view(self.download_view)
        name = f"{self.opts.app_label}_{self.opts.model_name}_download"
        return [path("<path:object_id>/download/", download, name=name), *super().get_urls()]

    def download_view(self, request: HttpRequest, object_id: str) -> FileResponse:
        job = self.get_job(request, object_id)
        if job.status != JobStatus.DONE or not job.file:
            raise Http404
        try:
            written = exports.storage().open(job.file)
        except FileNotFoundError as exc:
            raise Http404 from exc
        return FileResponse(written, as_attachment=True, filename=job.file_name, content_type=XLSX_TYPE)


XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _target_changelist(job: ImportJob) -> str | None:
    app_label, _dot, model_name = job.target.partition(".")
    try:
        return reverse(f"admin:{app_label}_{model_name}_changelist")
    except NoReverseMatch:
        return None
