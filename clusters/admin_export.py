"""The admin's Export at real sizes: xlsx by default, csv streamed, large xlsx written in the background.

An xlsx workbook is built in memory (40 s and 377 MB for 100 000 companies), so it is built during the
request only up to ``XLSX_MAX_ROWS`` rows; a larger selection is queued for the task worker
(``imports.exports``), which writes it row by row, and the request answers at once with the job's page,
where the download link appears when the file is ready. csv is streamed a chunk of rows at a time and
never holds the request or the memory. The columns are the resources' (clusters.resources).
"""

import csv
from collections.abc import Iterator

from django.contrib import messages
from django.contrib.admin.options import IncorrectLookupParameters
from django.core.exceptions import BadRequest, FieldError, ValidationError
from django.http import HttpResponseRedirect, StreamingHttpResponse
from django.utils.text import capfirst
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from import_export.admin import ExportMixin
from import_export.formats.base_formats import CSV, XLSX
from import_export.forms import SelectableFieldsExportForm

from imports.admin import job_url
from imports.exports import export_job_start

XLSX_MAX_ROWS = 20_000
CSV_CHUNK_ROWS = 2_000


class XlsxFirstExportForm(SelectableFieldsExportForm):
    """The export form with the first format (xlsx) chosen, not an empty "---"."""

    def _init_formats(self, formats):
        super()._init_formats(formats)
        field = self.fields["format"]
        field.choices = [choice for choice in field.choices if choice[0] != ""]
        field.initial = "0"


class _Echo:
    """A file-like object whose write() returns the line, for csv.writer into a streamed response."""

    def write(self, value: str) -> str:
        return value


class LargeExportMixin(ExportMixin):
    export_formats = [XLSX, CSV]
    export_form_class = XlsxFirstExportForm

    def get_export_queryset(self, request):
        """The changelist's rows; a filter in the address that the list does not know is a 400."""
        try:
            return super().get_export_queryset(request)
        except (IncorrectLookupParameters, FieldError, ValidationError, ValueError) as exc:
            raise BadRequest(_("The export's filters are not valid.")) from exc

    def get_data_for_export(self, request, queryset, **kwargs):
        """The rows (a tablib Dataset) titled with the model's plural name in the page's language,
        which names the xlsx sheet ("Uzņēmumi", "Companies") instead of tablib's "Tablib Dataset"."""
        dataset = super().get_data_for_export(request, queryset, **kwargs)
        dataset.title = capfirst(str(self.model._meta.verbose_name_plural))
        return dataset

    def _do_file_export(self, file_format, request, queryset, export_form=None):
        if isinstance(file_format, CSV):
            return self._streamed_csv(request, queryset, export_form)
        if queryset.count() > XLSX_MAX_ROWS:
            return self._background_xlsx(request, queryset, export_form)
        return super()._do_file_export(file_format, request, queryset, export_form=export_form)

    def _background_xlsx(self, request, queryset, export_form) -> HttpResponseRedirect:
        job = export_job_start(
            user=request.user,
            resource=self.choose_export_resource_class(export_form, request),
            fields=self.get_export_resource_fields_from_form(export_form),
            ids=list(queryset.values_list("pk", flat=True)),
            file_name=self.get_export_filename(request, queryset, XLSX()),
            language=get_language(),
        )
        message = _("These are more than %(limit)s rows: the Excel file is being written in the background.")
        messages.info(request, message % {"limit": f"{XLSX_MAX_ROWS:,}".replace(",", " ")})
        return HttpResponseRedirect(job_url(job))

    def _streamed_csv(self, request, queryset, export_form) -> StreamingHttpResponse:
        resource = self.choose_export_resource_class(export_form, request)(
            **self.get_export_resource_kwargs(request)
        )
        fields = self.get_export_resource_fields_from_form(export_form)
        response = StreamingHttpResponse(
            csv_lines(resource, queryset, fields), content_type="text/csv; charset=utf-8"
        )
        filename = self.get_export_filename(request, queryset, CSV())
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response


def csv_lines(resource, queryset, fields=None) -> Iterator[str]:
    """The header line (with a byte-order mark, so that Excel reads UTF-8), then a line per row."""
    writer = csv.writer(_Echo())
    yield "\ufeff" + writer.writerow(resource.get_export_headers(selected_fields=fields))
    for instance in queryset.iterator(chunk_size=CSV_CHUNK_ROWS):
        values = resource.export_resource(instance, selected_fields=fields)
        yield writer.writerow(["" if value is None else value for value in values])
