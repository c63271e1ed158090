"""django-import-export resources: what the admin's Export writes. Import goes through clusters.importers.

Exports are formula-safe: a text cell that a spreadsheet program would run as a formula (starting with
=, +, -, @, a tab or a carriage return) is written with a leading apostrophe, so it shows as text.
Numbers and phone numbers such as +37167000000 are left as they are.
"""

import re

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from import_export import fields, resources, widgets

from .models import Cluster, Company, Contact, Membership, YearlyFigures

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
HARMLESS = re.compile(r"^[+-]?[\d\s.,]+$")


def formula_safe(value: object, *, keep_numbers: bool = True) -> object:
    """The exported value, with an apostrophe before text that would otherwise run as a formula.

    With ``keep_numbers`` a signed number such as a phone number (+37167000000) stays as it is: it
    cannot run anything, and in an XLSX cell the apostrophe would show. Without it (CSV for anyone to
    open), every text cell starting with a formula character is quoted.
    """
    if not isinstance(value, str) or not value.startswith(FORMULA_START):
        return value
    if keep_numbers and HARMLESS.match(value):
        return value
    return "'" + value


class FormulaSafeResource(resources.ModelResource):
    def export_field(self, field, instance, **kwargs):
        return formula_safe(super().export_field(field, instance, **kwargs))


class ClusterResource(FormulaSafeResource):
    sectors = fields.Field(
        attribute="sectors", column_name="sectors", widget=widgets.ManyToManyWidget("clusters.Sector", "name")
    )

    class Meta:
        model = Cluster
        import_id_fields = ["slug"]
        fields = [
            "name", "slug", "description", "sectors", "website", "email", "phone", "city", "region",
            "founded_year", "lcn_member", "lcn_joined_on", "excellence_label", "label_valid_until", "is_active",
        ]  # fmt: skip
        skip_unchanged = True
        report_skipped = True


class CompanyResource(FormulaSafeResource):
    sector = fields.Field(
        attribute="sector", column_name="sector", widget=widgets.ForeignKeyWidget("clusters.Sector", "name")
    )

    class Meta:
        model = Company
        import_id_fields = ["slug"]
        fields = [
            "name", "slug", "registration_number", "website", "email", "phone", "city", "sector",
            "category", "description",
        ]  # fmt: skip
        skip_unchanged = True


class MembershipResource(FormulaSafeResource):
    company = fields.Field(
        attribute="company", column_name="company", widget=widgets.ForeignKeyWidget(Company, "slug")
    )
    cluster = fields.Field(
        attribute="cluster", column_name="cluster", widget=widgets.ForeignKeyWidget(Cluster, "slug")
    )

    class Meta:
        model = Membership
        fields = ["id", "company", "cluster", "since", "until", "role"]
        skip_unchanged = True


class ContactResource(FormulaSafeResource):
    """Roles with their person's name, e-mail and phone (the admin's export of contact persons)."""

    first_name = fields.Field(attribute="person__first_name", column_name="first_name", readonly=True)
    last_name = fields.Field(attribute="person__last_name", column_name="last_name", readonly=True)
    email = fields.Field(attribute="person__email", column_name="email", readonly=True)
    phone = fields.Field(attribute="person__phone", column_name="phone", readonly=True)
    cluster = fields.Field(
        attribute="cluster", column_name="cluster", widget=widgets.ForeignKeyWidget(Cluster, "slug")
    )
    company = fields.Field(
        attribute="company", column_name="company", widget=widgets.ForeignKeyWidget(Company, "slug")
    )

    class Meta:
        model = Contact
        fields = [
            "first_name", "last_name", "position", "email", "phone", "organisation", "cluster", "company",
            "role", "is_primary",
        ]  # fmt: skip
        export_order = fields

    def get_queryset(self):
        return super().get_queryset().select_related("person", "cluster", "company")


class FiguresResource(FormulaSafeResource):
    """Yearly figures, one row per cluster and year, with their review status and where they came from.

    Export only; the rows need ``YearlyFigures.objects.for_export()``. Amounts are whole euros.
    """

    cluster = fields.Field(attribute="cluster__name", column_name=_("Cluster"))
    year = fields.Field(attribute="year", widget=widgets.IntegerWidget(), column_name=_("Year"))
    members = fields.Field(
        attribute="members", widget=widgets.IntegerWidget(), column_name=_("Number of members")
    )
    turnover_eur = fields.Field(
        attribute="turnover_eur", widget=widgets.IntegerWidget(), column_name=_("Turnover EUR")
    )
    export_eur = fields.Field(
        attribute="export_eur", widget=widgets.IntegerWidget(), column_name=_("Export EUR")
    )
    consultation_hours = fields.Field(
        attribute="consultation_hours", widget=widgets.IntegerWidget(), column_name=_("Consultation hours")
    )
    status = fields.Field(column_name=_("Status"))
    source = fields.Field(column_name=_("Source"))

    class Meta:
        model = YearlyFigures
        fields = [
            "cluster", "year", "members", "turnover_eur", "export_eur", "consultation_hours", "status", "source",
        ]  # fmt: skip
        export_order = fields

    def dehydrate_status(self, figures: YearlyFigures) -> str:
        return str(figures.get_status_display())

    def dehydrate_source(self, figures: YearlyFigures) -> str:
        reason = getattr(figures, "first_change_reason", None) or ""
        if reason == "portal":
            return gettext("Cluster portal")
        return reason or gettext("Entered in the administration")
