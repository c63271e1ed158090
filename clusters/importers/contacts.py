"""Contact persons: matched by e-mail (else by name within the organisation), each at a cluster, company or
the network itself."""

from dataclasses import dataclass
from pathlib import Path

from django.contrib.auth.models import AbstractBaseUser
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import Cluster, Company, Contact, Network
from . import cells
from .base import (
    Action,
    ClusterIndex,
    Column,
    FieldChange,
    ImportFailed,
    ImportReport,
    RowChange,
    RowError,
    RowReader,
    max_length,
    one_transaction,
    save_with_history,
)
from .files import Spreadsheet, open_source, read_table

FIRST_NAME = "First name"
LAST_NAME = "Last name"
ORGANISATION = "Organisation"
POSITION = "Position"
EMAIL = "Email"
PHONE = "Phone"
PUBLIC = "Public"
COLUMNS = (
    Column(FIRST_NAME, ("Given name", "Vārds")),
    Column(LAST_NAME, ("Surname", "Family name", "Uzvārds")),
    Column(ORGANISATION, ("Organization", "Cluster", "Company", "Organizācija")),
    Column(POSITION, ("Title", "Job title", "Amats"), required=False),
    Column(EMAIL, ("E-mail", "E-pasts"), required=False),
    Column(PHONE, ("Telephone", "Tel.", "Tālrunis"), required=False),
    Column(PUBLIC, ("Public (yes/no)", "Public?", "Consent", "Publisks"), required=False),
)
CONTACT_FIELDS = [
    "first_name", "last_name", "position", "email", "phone", "organisation", "cluster", "company",
    "is_public", "consent_date",
]  # fmt: skip


@dataclass
class ContactRow:
    row: int
    values: dict[str, object]


class OrganisationIndex:
    """Resolves an Organisation cell to a cluster, a company or the network, in that order."""

    def __init__(self) -> None:
        self.clusters = ClusterIndex(Cluster.objects.all())
        self.companies: dict[str, Company] = {}
        for company in Company.objects.only("pk", "name", "registration_number"):
            self.companies.setdefault(cells.name_key(company.name), company)
            if company.registration_number:
                self.companies[company.registration_number] = company
        names = ["network", "LCN", str(Contact.Organisation.NETWORK.label)]
        for network in Network.objects.all():
            names += [network.name, network.short_name]
        self.network_names = {cells.name_key(name) for name in names if name}

    def resolve(self, written: str) -> dict[str, object] | None:
        cluster = self.clusters.find(written)
        if cluster:
            return {"organisation": Contact.Organisation.CLUSTER, "cluster": cluster, "company": None}
        company = self.companies.get(cells.name_key(written)) or self.companies.get(written.replace(" ", ""))
        if company:
            return {"organisation": Contact.Organisation.COMPANY, "cluster": None, "company": company}
        if cells.name_key(written) in self.network_names:
            return {"organisation": Contact.Organisation.NETWORK, "cluster": None, "company": None}
        return None


def import_contacts(
    source: Spreadsheet | Path | str,
    *,
    dry_run: bool = False,
    user: AbstractBaseUser | None = None,
) -> ImportReport:
    """Create or update contact persons, all rows or none; a contact is found by e-mail."""
    spreadsheet = open_source(source)
    table = read_table(spreadsheet, COLUMNS)
    rows = _parse(table.rows, OrganisationIndex())
    created, updated, changes = _plan(rows)
    if not dry_run:
        reason = _("Imported from %(file)s") % {"file": spreadsheet.name[:60]}
        with one_transaction():
            save_with_history(Contact, created, updated, CONTACT_FIELDS, user=user, reason=reason)
    return ImportReport(changes, dry_run=dry_run)


def _parse(rows: list[tuple[int, dict]], organisations: OrganisationIndex) -> list[ContactRow]:
    errors: list[RowError] = []
    parsed = []
    for number, values in rows:
        reader = RowReader(number, values, errors)
        row = ContactRow(number, _read(reader, organisations))
        if reader.valid:
            parsed.append(row)
    if errors:
        raise ImportFailed(errors)
    return parsed


def _read(reader: RowReader, organisations: OrganisationIndex) -> dict[str, object]:
    values = {
        "first_name": reader.get(
            FIRST_NAME, cells.name, required=True, max_length=max_length(Contact, "first_name")
        ),
        "last_name": reader.get(
            LAST_NAME, cells.name, required=True, max_length=max_length(Contact, "last_name")
        ),
    }
    organisation = reader.get(ORGANISATION, cells.name, required=True)
    found = organisations.resolve(organisation) if organisation else None
    if organisation and found is None:
        reader.fail(
            ORGANISATION, _("No cluster or company has this name or registration number."), organisation
        )
    values |= found or {}
    values["position"] = reader.get(POSITION, cells.text, max_length=max_length(Contact, "position"))
    values["email"] = reader.get(EMAIL, cells.email, max_length=max_length(Contact, "email"))
    values["phone"] = reader.get(PHONE, cells.phone)
    values["is_public"] = reader.get(PUBLIC, _public)
    return values


def _public(value: object) -> bool | None:
    return cells.yes_no(value) if cells.text(value) else None


def _plan(rows: list[ContactRow]) -> tuple[list[Contact], list[Contact], list[RowChange]]:
    contacts = list(Contact.objects.select_related("cluster", "company"))
    by_email = {contact.email.lower(): contact for contact in contacts if contact.email}
    by_person = {
        _person_key(vars(contact) | {"cluster": contact.cluster_id, "company": contact.company_id}): contact
        for contact in contacts
    }
    seen: dict[object, int] = {}
    errors, created, updated, changes = [], [], [], []
    for row in rows:
        values = row.values
        key = values["email"] or _person_key(values)
        if key in seen:
            message = _("The same person as in row %(row)d.") % {"row": seen[key]}
            errors.append(RowError(row.row, EMAIL if values["email"] else LAST_NAME, message))
            continue
        seen[key] = row.row
        existing = by_email.get(key) if values["email"] else by_person.get(key)
        contact = existing or Contact()
        change = _apply(row, contact, is_new=existing is None)
        if existing is None:
            created.append(contact)
        elif change.action == Action.UPDATED:
            updated.append(contact)
        changes.append(change)
    if errors:
        raise ImportFailed(errors)
    return created, updated, changes


def _person_key(values: dict) -> tuple:
    """A contact without e-mail is the same person if the name and the organisation are the same."""
    cluster, company = (getattr(value, "pk", value) for value in (values["cluster"], values["company"]))
    return (
        cells.name_key(values["first_name"] + values["last_name"]),
        values["organisation"],
        cluster,
        company,
    )


def _values_of(contact: Contact) -> dict[str, object]:
    return {
        "first_name": contact.first_name,
        "last_name": contact.last_name,
        "organisation": contact.organisation,
        "cluster": contact.cluster_id,
        "company": contact.company_id,
    }


def _apply(row: ContactRow, contact: Contact, *, is_new: bool) -> RowChange:
    """Set the row's values on the contact; a blank cell keeps what is there."""
    changes = []
    for name, new in row.values.items():
        if new in (None, "") and name not in ("cluster", "company"):
            continue
        old = getattr(contact, name)
        if old != new:
            label = str(Contact._meta.get_field(name).verbose_name)
            changes.append(FieldChange(label, None if is_new else old, new))
            setattr(contact, name, new)
    if contact.is_public and contact.consent_date is None:
        contact.consent_date = timezone.localdate()
        label = str(Contact._meta.get_field("consent_date").verbose_name)
        changes.append(FieldChange(label, None, contact.consent_date))
    action = Action.CREATED if is_new else (Action.UPDATED if changes else Action.UNCHANGED)
    return RowChange(row.row, f"{contact.full_name} ({contact.organisation_name})", action, changes)
