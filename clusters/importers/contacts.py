"""Contact persons: matched by e-mail (else by name within the organisation), each at a cluster, company or
the network itself.

Consent comes only from the file: "Public" sets whether the person agreed to be shown, "Consent given on"
the day they agreed. The import never invents a consent date; the history names the file as the source.
"""

from pathlib import Path

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.utils import translation
from django.utils.translation import gettext as _

from imports import cells
from imports.columns import ChoiceColumn, Column, DateColumn, YesNoColumn
from imports.files import Spreadsheet, Table
from imports.plan import Importer, Plan, Row
from imports.report import Action, ImportReport

from ..models import Cluster, Company, Contact, Network
from .base import ClusterIndex, max_length, without_blanks

AMBIGUOUS = object()

FIRST_NAME = Column(
    name="First name",
    field="first_name",
    aliases=("Given name", "Vārds"),
    required=True,
    not_empty=True,
    max_length=max_length(Contact, "first_name"),
    parse=cells.name,
)
LAST_NAME = Column(
    name="Last name",
    field="last_name",
    aliases=("Surname", "Family name", "Uzvārds"),
    required=True,
    not_empty=True,
    max_length=max_length(Contact, "last_name"),
    parse=cells.name,
)
ORGANISATION = Column(
    name="Organisation",
    aliases=("Organization", "Cluster", "Company", "Organizācija"),
    required=True,
    not_empty=True,
    parse=cells.name,
)
POSITION = Column(
    name="Position",
    field="position",
    aliases=("Title", "Job title", "Amats"),
    max_length=max_length(Contact, "position"),
)
EMAIL = Column(
    name="Email",
    field="email",
    aliases=("E-mail", "E-pasts"),
    max_length=max_length(Contact, "email"),
    parse=cells.email,
)
PHONE = Column(name="Phone", field="phone", aliases=("Telephone", "Tel.", "Tālrunis"), parse=cells.phone)
ROLE = ChoiceColumn(name="Role", field="role", aliases=("Loma",), choices=Contact.Role.choices)
PRIMARY = YesNoColumn(
    name="Primary contact", field="is_primary", aliases=("Primary", "Galvenā kontaktpersona")
)
PUBLIC = YesNoColumn(
    name="Public", field="is_public", aliases=("Public (yes/no)", "Public?", "Consent", "Publisks")
)
CONSENT_DATE = DateColumn(
    name="Consent given on", field="consent_date", aliases=("Consent date", "Piekrišanas datums")
)
COLUMNS = (FIRST_NAME, LAST_NAME, ORGANISATION, POSITION, EMAIL, PHONE, ROLE, PRIMARY, PUBLIC, CONSENT_DATE)
CONTACT_COLUMNS = (FIRST_NAME, LAST_NAME, POSITION, EMAIL, PHONE, ROLE, PRIMARY, PUBLIC, CONSENT_DATE)


class OrganisationIndex:
    """Resolves an Organisation cell to a cluster, a company or the network, in that order."""

    def __init__(self) -> None:
        self.clusters = ClusterIndex(Cluster.objects.all())
        self.companies: dict[str, object] = {}
        for company in Company.objects.only("pk", "name", "registration_number"):
            key = cells.name_key(company.name)
            self.companies[key] = AMBIGUOUS if key in self.companies else company
            if company.registration_number:
                self.companies[company.registration_number] = company
        names = ["network", "LCN"]
        for language, _name in settings.LANGUAGES:
            with translation.override(language):
                names.append(str(Contact.Organisation.NETWORK.label))
        for network in Network.objects.all():
            names += [network.name, network.short_name]
        self.network_names = {cells.name_key(name) for name in names if name}

    def resolve(self, written: str) -> dict[str, object] | object | None:
        cluster = self.clusters.find(written)
        if cluster:
            return {"organisation": Contact.Organisation.CLUSTER, "cluster": cluster, "company": None}
        company = self.companies.get(cells.name_key(written)) or self.companies.get(written.replace(" ", ""))
        if company is AMBIGUOUS:
            return AMBIGUOUS
        if company:
            return {"organisation": Contact.Organisation.COMPANY, "cluster": None, "company": company}
        if cells.name_key(written) in self.network_names:
            return {"organisation": Contact.Organisation.NETWORK, "cluster": None, "company": None}
        return None


class ContactImporter(Importer):
    columns = COLUMNS
    write_order = (Contact,)

    def start(self, table: Table) -> None:
        self.organisations = OrganisationIndex()

    def check_row(self, row: Row) -> None:
        organisation = row[ORGANISATION.name]
        found = self.organisations.resolve(organisation) if organisation else None
        if found is AMBIGUOUS:
            message = _("Several companies have this name; write the company's registration number instead.")
            row.fail(ORGANISATION.name, message)
        elif organisation and found is None:
            row.fail(ORGANISATION.name, _("No cluster or company has this name or registration number."))
        else:
            row.values["organisation"] = found

    def plan_rows(self, rows: list[Row], plan: Plan) -> None:
        contacts = list(Contact.objects.select_related("cluster", "company"))
        by_email = {contact.email.lower(): contact for contact in contacts if contact.email}
        by_person = {_person_key(_values_of(contact)): contact for contact in contacts}
        seen: dict[object, int] = {}
        for row in rows:
            values = {**without_blanks(row.fields(CONTACT_COLUMNS)), **row["organisation"]}
            key = values.get("email") or _person_key(values)
            if key in seen:
                message = _("The same person as in row %(row)d.") % {"row": seen[key]}
                plan.fail(row.number, EMAIL.name if values.get("email") else LAST_NAME.name, message)
                continue
            seen[key] = row.number
            existing = by_email.get(key) if values.get("email") else by_person.get(key)
            contact = existing or Contact()
            values["consent_date"] = _consent_date(contact, row)
            values.setdefault("is_public", contact.is_public)
            changes = plan.diff(contact, values, is_new=existing is None)
            plan.save(contact, is_new=existing is None)
            action = Action.CREATED if existing is None else (Action.UPDATED if changes else Action.UNCHANGED)
            plan.add(row.number, f"{contact.full_name} ({contact.organisation_name})", action, changes)


def _consent_date(contact: Contact, row: Row):
    """Contact's one consent rule, with the day the file gives as the day consent was given: the import
    never dates consent with the day it runs."""
    is_public = row[PUBLIC.name] if row[PUBLIC.name] is not None else contact.is_public
    return Contact.consent_date_after(
        was_public=contact.is_public,
        is_public=is_public,
        consent_date=contact.consent_date,
        today=row[CONSENT_DATE.name],
    )


def _values_of(contact: Contact) -> dict[str, object]:
    return {
        "first_name": contact.first_name,
        "last_name": contact.last_name,
        "organisation": contact.organisation,
        "cluster": contact.cluster_id,
        "company": contact.company_id,
    }


def _person_key(values: dict) -> tuple:
    """A contact without e-mail is the same person if the name and the organisation are the same."""
    cluster, company = (getattr(value, "pk", value) for value in (values["cluster"], values["company"]))
    return (
        cells.name_key(values["first_name"] + values["last_name"]),
        values["organisation"],
        cluster,
        company,
    )


def import_contacts(
    source: Spreadsheet | Path | str,
    *,
    dry_run: bool = False,
    user: AbstractBaseUser | None = None,
    sheet: str | None = None,
) -> ImportReport:
    """Create or update contact persons, all rows or none; a contact is found by e-mail."""
    return ContactImporter().run(source, dry_run=dry_run, user=user, sheet=sheet)
