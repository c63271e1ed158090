"""The admin's Import buttons: which importer each change list runs, with which options."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.number_fields import YearField
from imports.admin import ImportForm, SpreadsheetImportMixin
from imports.files import Spreadsheet
from imports.report import ImportReport

from .importers import import_clusters, import_contacts, import_members
from .models import Cluster, Company, Contact, Membership, YearlyFigures


class FiguresImportForm(ImportForm):
    year = YearField(
        label=_("Year"),
        required=False,
        min_value=1990,
        max_value=2100,
        help_text=_("The year of the figures; leave empty if a title row says it, as “(2017)”."),
    )

    def options(self) -> dict[str, object]:
        return {**super().options(), "year": self.cleaned_data.get("year")}


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
        return {**super().options(), "cluster": cluster.slug if cluster else None}


class ClusterImportMixin(SpreadsheetImportMixin):
    import_form_class = FiguresImportForm
    import_models = (Cluster, YearlyFigures)

    def run_import(self, spreadsheet: Spreadsheet, **options) -> ImportReport:
        return import_clusters(spreadsheet, **options)


class CompanyImportMixin(SpreadsheetImportMixin):
    """Companies, and their memberships when the file has a Cluster column or a cluster is chosen."""

    import_form_class = MembersImportForm
    import_models = (Company, Membership)

    def run_import(self, spreadsheet: Spreadsheet, **options) -> ImportReport:
        return import_members(spreadsheet, memberships=False, **options)


class MemberImportMixin(SpreadsheetImportMixin):
    import_form_class = MembersImportForm
    import_models = (Company, Membership)

    def run_import(self, spreadsheet: Spreadsheet, **options) -> ImportReport:
        return import_members(spreadsheet, **options)


class ContactImportMixin(SpreadsheetImportMixin):
    import_models = (Contact,)

    def run_import(self, spreadsheet: Spreadsheet, **options) -> ImportReport:
        return import_contacts(spreadsheet, **options)
