"""django-import-export resources: what the admin's Export writes. Import goes through clusters.importers.

Each export writes the columns of the matching Import, under its headers, so that exporting and
importing again changes nothing.

Exports are formula-safe: a text cell that a spreadsheet program would run as a formula (starting with
=, +, -, @, a tab or a carriage return) is written with a leading apostrophe, so it shows as text.
Numbers and phone numbers such as +37167000000 are left as they are.
"""

import re

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from import_export import fields, resources, widgets

from people.models import ConsentRecord

from .importers import clusters as cluster_columns
from .importers import contacts as contact_columns
from .importers import members as member_columns
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


def column_field(column, getter) -> fields.Field:
    """An export field under the Import column's header, written the way that column reads it back
    (labels, not codes; an empty cell for an empty value). ``getter``: a dotted attribute path or a
    function of the instance."""

    def dehydrate(instance: object) -> object:
        value = getter(instance) if callable(getter) else _attribute(instance, getter)
        return column.export(value)

    return fields.Field(column_name=column.name, dehydrate_method=dehydrate)


def _attribute(instance: object, path: str) -> object:
    for name in path.split("."):
        instance = getattr(instance, name, None) if instance is not None else None
    return instance


def _latest_approved(cluster: Cluster) -> YearlyFigures | None:
    approved = [
        figures for figures in cluster.figures.all() if figures.status == YearlyFigures.Status.APPROVED
    ]
    return max(approved, key=lambda figures: figures.year, default=None)


def _figure(name: str):
    def value(cluster: Cluster) -> object:
        figures = _latest_approved(cluster)
        return getattr(figures, name) if figures else None

    return value


class ClusterResource(FormulaSafeResource):
    """Each cluster with its latest approved figures, as the Clusters Import reads them."""

    name = column_field(cluster_columns.CLUSTER, "name")
    year = column_field(cluster_columns.YEAR, _figure("year"))
    members = column_field(cluster_columns.MEMBERS, _figure("members"))
    turnover_eur = column_field(cluster_columns.TURNOVER, _figure("turnover_eur"))
    export_eur = column_field(cluster_columns.EXPORT, _figure("export_eur"))
    email = column_field(cluster_columns.EMAIL, "email")
    website = column_field(cluster_columns.WEBSITE, "website")

    class Meta:
        model = Cluster
        fields = ["name", "year", "members", "turnover_eur", "export_eur", "email", "website"]

    def filter_export(self, queryset, **kwargs):
        return queryset.prefetch_related("figures")


class CompanyResource(FormulaSafeResource):
    name = column_field(member_columns.COMPANY, "name")
    registration_number = column_field(member_columns.REGISTRATION_NUMBER, "registration_number")
    website = column_field(member_columns.WEBSITE, "website")
    email = column_field(member_columns.EMAIL, "email")
    phone = column_field(member_columns.PHONE, "phone")
    city = column_field(member_columns.CITY, "city")
    sector = column_field(member_columns.SECTOR, "sector.name")
    category = column_field(member_columns.CATEGORY, "category")

    class Meta:
        model = Company
        fields = ["name", "registration_number", "website", "email", "phone", "city", "sector", "category"]

    def filter_export(self, queryset, **kwargs):
        return queryset.select_related("sector")


class MembershipResource(FormulaSafeResource):
    company = column_field(member_columns.COMPANY, "company.name")
    registration_number = column_field(member_columns.REGISTRATION_NUMBER, "company.registration_number")
    cluster = column_field(member_columns.CLUSTER, "cluster.name")
    since = column_field(member_columns.SINCE, "since")
    until = column_field(member_columns.UNTIL, "until")
    role = column_field(member_columns.ROLE, "role")

    class Meta:
        model = Membership
        fields = ["company", "registration_number", "cluster", "since", "until", "role"]

    def filter_export(self, queryset, **kwargs):
        return queryset.select_related("company", "cluster")


class ContactResource(FormulaSafeResource):
    """Roles with their person's name, e-mail, phone and consent, under the Contacts import's columns."""

    first_name = column_field(contact_columns.FIRST_NAME, "person.first_name")
    last_name = column_field(contact_columns.LAST_NAME, "person.last_name")
    organisation = column_field(contact_columns.ORGANISATION, "organisation_name")
    position = column_field(contact_columns.POSITION, "position")
    email = column_field(contact_columns.EMAIL, "person.email")
    phone = column_field(contact_columns.PHONE, "person.phone")
    role = column_field(contact_columns.ROLE, "role")
    is_primary = column_field(contact_columns.PRIMARY, "is_primary")
    is_public = column_field(contact_columns.PUBLIC, lambda contact: _public_consent(contact) is not None)
    consent_date = column_field(
        contact_columns.CONSENT_DATE, lambda contact: getattr(_public_consent(contact), "given_on", None)
    )

    class Meta:
        model = Contact
        fields = [
            "first_name", "last_name", "organisation", "position", "email", "phone", "role", "is_primary",
            "is_public", "consent_date",
        ]  # fmt: skip

    def filter_export(self, queryset, **kwargs):
        return queryset.select_related("person", "cluster", "company").prefetch_related("person__consents")


def _public_consent(contact: Contact) -> ConsentRecord | None:
    """The person's current consent to be shown publicly (from the prefetched consents), if any."""
    current = [
        consent
        for consent in contact.person.consents.all()
        if consent.withdrawn_at is None and consent.purpose == ConsentRecord.Purpose.PUBLIC_DISPLAY
    ]
    return max(current, key=lambda consent: consent.pk, default=None)


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
