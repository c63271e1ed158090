"""The admin's Import: upload a spreadsheet, preview every change, then confirm.

The upload runs the importer as a dry run and shows its report (or every error by row). The file waits
in a private temporary folder, named by its SHA-256, until the same user confirms; the import then
runs again for real, so it sees the database as it is at that moment.
"""

import hashlib
import re
import tempfile
import time
from pathlib import Path

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.defaultfilters import filesizeformat
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from .importers import (
    ImportFailed,
    ImportReport,
    Spreadsheet,
    import_clusters,
    import_contacts,
    import_members,
)
from .models import Cluster, Company, Contact, Membership, YearlyFigures

SESSION_KEY = "spreadsheet_imports"
STASH = Path(tempfile.gettempdir()) / "lcn-spreadsheet-imports"
STASH_LIFETIME = 3600  # an uploaded file holds personal data: an hour to confirm the import
PREVIEW_ROWS = 500  # a member list can have thousands of rows; the summary still counts them all
TOKEN = re.compile(r"^[0-9a-f]{64}$")


class ImportForm(forms.Form):
    """The upload (file) or the confirmation (token of the previewed file); other fields: importer options."""

    file = forms.FileField(
        label=_("Spreadsheet file"),
        required=False,
        help_text=_("An .xlsx workbook (its first sheet is read), or a .csv or .tsv file."),
    )
    token = forms.CharField(widget=forms.HiddenInput, required=False)

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload and upload.size > settings.IMPORT_MAX_FILE_SIZE:
            limit = filesizeformat(settings.IMPORT_MAX_FILE_SIZE)
            raise forms.ValidationError(_("The file is larger than %(limit)s.") % {"limit": limit})
        return upload

    def clean_token(self):
        token = self.cleaned_data["token"]
        if token and not TOKEN.match(token):
            raise forms.ValidationError(_("This preview has expired; upload the file again."))
        return token

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("file") and not cleaned.get("token") and not self.errors:
            self.add_error("file", _("Choose a file."))
        return cleaned

    def options(self) -> dict[str, object]:
        return {name: value for name, value in self.cleaned_data.items() if name not in ("file", "token")}


class FiguresImportForm(ImportForm):
    year = forms.IntegerField(
        label=_("Year"),
        required=False,
        min_value=1990,
        max_value=2100,
        help_text=_("The year of the figures; leave empty if a title row says it, as “(2017)”."),
    )


class MembersImportForm(ImportForm):
    cluster = forms.ModelChoiceField(
        Cluster.objects.all(),
        label=_("Cluster"),
        required=False,
        to_field_name="slug",
        help_text=_("Choose a cluster if the file has no Cluster column: every row joins it."),
    )

    def options(self) -> dict[str, object]:
        cluster = self.cleaned_data.get("cluster")
        return {"cluster": cluster.slug if cluster else None}


class SpreadsheetImportMixin:
    """Adds Import (upload → preview → confirm) to a ModelAdmin, on the URL of django-import-export's button."""

    import_form_class: type[ImportForm] = ImportForm
    import_models: tuple = ()  # the user needs add and change permission on each
    import_template = "admin/clusters/spreadsheet_import.html"
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
        if request.method == "POST" and form.is_valid():
            if form.cleaned_data["token"]:
                return self._confirm(request, form)
            upload = form.cleaned_data["file"]
            spreadsheet = Spreadsheet(upload.name, upload.read())
            context = self._preview(request, form, spreadsheet)
        return TemplateResponse(request, self.import_template, self._context(request, form, context))

    def _preview(self, request: HttpRequest, form: ImportForm, spreadsheet: Spreadsheet) -> dict:
        try:
            report = self.run_import(spreadsheet, dry_run=True, user=request.user, **form.options())
        except ImportFailed as failure:
            return {"errors": failure.errors, "file_name": spreadsheet.name}
        token = stash(request, spreadsheet)
        confirm = self.import_form_class(initial={**form.cleaned_data, "token": token, "file": None})
        return {"report": report, "confirm_form": confirm, "file_name": spreadsheet.name}

    def _confirm(self, request: HttpRequest, form: ImportForm) -> HttpResponse:
        spreadsheet = unstash(request, form.cleaned_data["token"])
        if spreadsheet is None:
            messages.error(request, _("This preview has expired; upload the file again."))
            return HttpResponseRedirect(request.path)
        try:
            report = self.run_import(spreadsheet, dry_run=False, user=request.user, **form.options())
        except ImportFailed as failure:
            context = {"errors": failure.errors, "file_name": spreadsheet.name}
            return TemplateResponse(request, self.import_template, self._context(request, form, context))
        discard(request, form.cleaned_data["token"])
        messages.success(request, f"{spreadsheet.name}: {report.summary()}")
        return HttpResponseRedirect(reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_changelist"))

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


class ClusterImportMixin(SpreadsheetImportMixin):
    import_form_class = FiguresImportForm
    import_models = (Cluster, YearlyFigures)

    def run_import(self, spreadsheet: Spreadsheet, **options) -> ImportReport:
        return import_clusters(spreadsheet, **options)


class MemberImportMixin(SpreadsheetImportMixin):
    import_form_class = MembersImportForm
    import_models = (Company, Membership)

    def run_import(self, spreadsheet: Spreadsheet, **options) -> ImportReport:
        return import_members(spreadsheet, **options)


class ContactImportMixin(SpreadsheetImportMixin):
    import_models = (Contact,)

    def run_import(self, spreadsheet: Spreadsheet, **options) -> ImportReport:
        return import_contacts(spreadsheet, **options)


def stash(request: HttpRequest, spreadsheet: Spreadsheet) -> str:
    """Keep the previewed file until it is confirmed; only this session may use the returned token."""
    STASH.mkdir(mode=0o700, exist_ok=True)
    _remove_stale_files()
    token = hashlib.sha256(spreadsheet.content).hexdigest()
    (STASH / token).write_bytes(spreadsheet.content)
    request.session[SESSION_KEY] = {**request.session.get(SESSION_KEY, {}), token: spreadsheet.name}
    return token


def unstash(request: HttpRequest, token: str) -> Spreadsheet | None:
    name = request.session.get(SESSION_KEY, {}).get(token)
    try:
        content = (STASH / token).read_bytes() if name else None
    except OSError:
        return None
    if content is None or hashlib.sha256(content).hexdigest() != token:
        return None
    return Spreadsheet(name, content)


def discard(request: HttpRequest, token: str) -> None:
    request.session[SESSION_KEY] = {
        key: name for key, name in request.session.get(SESSION_KEY, {}).items() if key != token
    }
    (STASH / token).unlink(missing_ok=True)


def _remove_stale_files() -> None:
    cutoff = time.time() - STASH_LIFETIME
    for stale in STASH.iterdir():
        try:
            if stale.stat().st_mtime < cutoff:
                stale.unlink()
        except FileNotFoundError:
            pass  # another request removed it first
