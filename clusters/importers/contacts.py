"""Contact persons: matched by e-mail (else by name within the organisation), each at a cluster, company or
the network itself."""

from dataclasses import dataclass
from pathlib import Path

from django.contrib.auth.models import AbstractBaseUser
from django.utils.translation import gettext as _

from people.models import ConsentRecord, Person
from people.services import consent_give, consent_withdraw

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
)
from .files import Spreadsheet, open_source, read_table

FIRST_NAME = "First name"
LAST_NAME = "Last name"
ORGANISATION = "Organisation"
POSITION = "Position"
EMAIL = "Email"
PHONE = "Phone"
PUBLIC = "Public"
CONSENT_DATE = "Consent given on"
COLUMNS = (
    Column(FIRST_NAME, ("Given name", "Vārds")),
    Column(LAST_NAME, ("Surname", "Family name", "Uzvārds")),
    Column(ORGANISATION, ("Organization", "Cluster", "Company", "Organizācija")),
    Column(POSITION, ("Title", "Job title", "Amats"), required=False),
    Column(EMAIL, ("E-mail", "E-pasts"), required=False),
    Column(PHONE, ("Telephone", "Tel.", "Tālrunis"), required=False),
    Column(PUBLIC, ("Public (yes/no)", "Public?", "Consent", "Publisks"), required=False),
    Column(CONSENT_DATE, ("Consent date", "Piekrišanas datums"), required=False),
)
PERSON_FIELDS = ("first_name", "last_name", "email", "phone")
ROLE_FIELDS = ("position", "organisation", "cluster", "company")


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
    """Create or update contact persons and their roles, all rows or none; a person is found by e-mail.

    Consent to be shown publicly comes only from the Public column: "yes" records a consent whose
    source is the file and whose date is the "Consent given on" cell (unknown when empty, never the
    import day); "no" withdraws a current one; an empty cell changes nothing.
    """
    spreadsheet = open_source(source)
    table = read_table(spreadsheet, COLUMNS)
    rows = _parse(table.rows, OrganisationIndex())
    plans, changes = _plan(rows)
    if not dry_run:
        reason = _("Imported from %(file)s") % {"file": spreadsheet.name[:60]}
        with one_transaction():
            for plan in plans:
                _write(plan, user=user, reason=reason, source=spreadsheet.name)
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
            FIRST_NAME, cells.name, required=True, max_length=max_length(Person, "first_name")
        ),
        "last_name": reader.get(
            LAST_NAME, cells.name, required=True, max_length=max_length(Person, "last_name")
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
    values["email"] = reader.get(EMAIL, cells.email, max_length=max_length(Person, "email"))
    values["phone"] = reader.get(PHONE, cells.phone)
    values["is_public"] = reader.get(PUBLIC, _public)
    values["consent_given_on"] = reader.get(CONSENT_DATE, cells.date)
    return values


def _public(value: object) -> bool | None:
    return cells.yes_no(value) if cells.text(value) else None


@dataclass
class ContactPlan:
    person: Person
    contact: Contact
    write: bool
    is_public: bool | None
    consent_given_on: object


def _plan(rows: list[ContactRow]) -> tuple[list[ContactPlan], list[RowChange]]:
    contacts = list(Contact.objects.select_related("person", "cluster", "company"))
    people = {person.email.lower(): person for person in Person.objects.filter(portal_cluster__isnull=True)}
    by_role = {(contact.person_id, contact.organisation, contact.cluster_id, contact.company_id): contact
               for contact in contacts}  # fmt: skip
    by_person = {
        _person_key(vars(contact.person) | vars(contact) | {"cluster": contact.cluster_id, "company": contact.company_id}): contact
        for contact in contacts
    }  # fmt: skip
    seen: dict[object, int] = {}
    errors, plans, changes = [], [], []
    for row in rows:
        values = row.values
        key = (values["email"], values["organisation"], _pk(values["cluster"]), _pk(values["company"]))
        key = key if values["email"] else _person_key(values)
        if key in seen:
            message = _("The same person as in row %(row)d.") % {"row": seen[key]}
            errors.append(RowError(row.row, EMAIL if values["email"] else LAST_NAME, message))
            continue
        seen[key] = row.row
        if values["email"]:
            person = people.setdefault(values["email"], Person())
            existing = by_role.get((person.pk, *key[1:])) if person.pk else None
        else:
            existing = by_person.get(key)
            person = existing.person if existing else Person()
        contact = existing or Contact()
        change = _apply(row, person, contact, is_new=existing is None)
        write = existing is None or change.action == Action.UPDATED
        plans.append(ContactPlan(person, contact, write, values["is_public"], values["consent_given_on"]))
        changes.append(change)
    if errors:
        raise ImportFailed(errors)
    return plans, changes


def _pk(value: object) -> object:
    return getattr(value, "pk", value)


def _person_key(values: dict) -> tuple:
    """A contact without e-mail is the same person if the name and the organisation are the same."""
    return (
        cells.name_key(values["first_name"] + values["last_name"]),
        values["organisation"],
        _pk(values["cluster"]),
        _pk(values["company"]),
    )


def _apply(row: ContactRow, person: Person, contact: Contact, *, is_new: bool) -> RowChange:
    """Set the row's values on the person and the role; a blank cell keeps what is there."""
    changes = []
    for target, names in ((person, PERSON_FIELDS), (contact, ROLE_FIELDS)):
        for name in names:
            new = row.values[name]
            if new in (None, "") and name not in ("cluster", "company"):
                continue
            old = getattr(target, name)
            if old != new:
                label = str(target._meta.get_field(name).verbose_name)
                changes.append(FieldChange(label, None if is_new else old, new))
                setattr(target, name, new)
    public = row.values["is_public"]
    if public is not None and (is_new or public != _has_public_consent(person)):
        label = str(_("shown publicly"))
        changes.append(FieldChange(label, None if is_new else (not public), public))
    action = Action.CREATED if is_new else (Action.UPDATED if changes else Action.UNCHANGED)
    return RowChange(row.row, f"{person.full_name} ({contact.organisation_name})", action, changes)


def _has_public_consent(person: Person) -> bool:
    return bool(person.pk) and person.consents.for_public_display().exists()


def _write(plan: ContactPlan, *, user: AbstractBaseUser | None, reason: str, source: str) -> None:
    """Save the person and the role with their history, then record or withdraw the consent."""
    person, contact = plan.person, plan.contact
    for instance in (person, contact) if plan.write else ():
        instance._change_reason = reason
        instance._history_user = user
        if instance is contact:
            contact.person = person
        instance.save()
    if plan.is_public:
        consent_give(
            person=person,
            method=ConsentRecord.Method.IMPORT,
            source=_("Import of %(file)s") % {"file": source},
            given_on=plan.consent_given_on,
            recorded_by=user,
        )
    elif plan.is_public is False:
        consent_withdraw(person=person, withdrawn_by=user)
