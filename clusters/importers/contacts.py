"""Contact persons and their roles: a person is matched by e-mail (else by name within the organisation),
and holds a role at a cluster, a company or the network itself.

Consent comes only from the file: "Public: yes" records a consent whose source is the file and whose
date is the "Consent given on" cell (unknown when empty, never the import day); "no" withdraws a
current one; an empty cell changes nothing.
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
from imports.report import Action, FieldChange, ImportReport
from people.models import ConsentRecord, Person
from people.services import consent_give, consent_withdraw

from ..models import Cluster, Company, Contact, Network
from .base import ClusterIndex, max_length, without_blanks

AMBIGUOUS = object()

FIRST_NAME = Column(
    name="First name",
    field="first_name",
    aliases=("Given name", "Vārds"),
    required=True,
    not_empty=True,
    max_length=max_length(Person, "first_name"),
    parse=cells.name,
)
LAST_NAME = Column(
    name="Last name",
    field="last_name",
    aliases=("Surname", "Family name", "Uzvārds"),
    required=True,
    not_empty=True,
    max_length=max_length(Person, "last_name"),
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
    max_length=max_length(Person, "email"),
    parse=cells.email,
)
PHONE = Column(name="Phone", field="phone", aliases=("Telephone", "Tel.", "Tālrunis"), parse=cells.phone)
ROLE = ChoiceColumn(name="Role", field="role", aliases=("Loma",), choices=Contact.Role.choices)
PRIMARY = YesNoColumn(
    name="Primary contact", field="is_primary", aliases=("Primary", "Galvenā kontaktpersona")
)
PUBLIC = YesNoColumn(name="Public", aliases=("Public (yes/no)", "Public?", "Consent", "Publisks"))
CONSENT_DATE = DateColumn(name="Consent given on", aliases=("Consent date", "Piekrišanas datums"))
COLUMNS = (FIRST_NAME, LAST_NAME, ORGANISATION, POSITION, EMAIL, PHONE, ROLE, PRIMARY, PUBLIC, CONSENT_DATE)
PERSON_COLUMNS = (FIRST_NAME, LAST_NAME, EMAIL, PHONE)
ROLE_COLUMNS = (POSITION, ROLE, PRIMARY)


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
    write_order = (Person, Contact)

    def start(self, table: Table) -> None:
        self.organisations = OrganisationIndex()
        self.consents: list[tuple[Person, bool, object]] = []

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
        contacts = list(Contact.objects.select_related("person", "cluster", "company"))
        people = {
            person.email.lower(): person
            for person in Person.objects.filter(portal_cluster__isnull=True).exclude(email="")
        }
        by_role = {(c.person_id, c.organisation, c.cluster_id, c.company_id): c for c in contacts}
        by_name = {_person_key(_values_of(contact)): contact for contact in contacts}
        consenting = set(ConsentRecord.objects.for_public_display().values_list("person_id", flat=True))
        seen: dict[object, int] = {}
        for row in rows:
            organisation = row["organisation"]
            person_values = without_blanks(row.fields(PERSON_COLUMNS))
            role_values = {**without_blanks(row.fields(ROLE_COLUMNS)), **organisation}
            email = person_values.get("email")
            role_key = (
                organisation["organisation"],
                _pk(organisation["cluster"]),
                _pk(organisation["company"]),
            )
            key = (email, *role_key) if email else _person_key({**person_values, **organisation})
            if key in seen:
                message = _("The same person as in row %(row)d.") % {"row": seen[key]}
                plan.fail(row.number, EMAIL.name if email else LAST_NAME.name, message)
                continue
            seen[key] = row.number
            if email:
                person = people.setdefault(email, Person())
                existing = by_role.get((person.pk, *role_key)) if person.pk else None
            else:
                existing = by_name.get(key)
                person = existing.person if existing else Person()
            contact = existing or Contact()
            changes = plan.diff(person, person_values, is_new=person.pk is None)
            contact.person = person
            changes += plan.diff(contact, role_values, is_new=existing is None)
            changes += self._plan_consent(row, person, consenting, is_new=existing is None)
            action = Action.CREATED if existing is None else (Action.UPDATED if changes else Action.UNCHANGED)
            plan.add(row.number, f"{person.full_name} ({contact.organisation_name})", action, changes)

    def _plan_consent(self, row: Row, person: Person, consenting: set, *, is_new: bool) -> list[FieldChange]:
        """A consent to record or withdraw after the write, when the Public cell changes it."""
        public = row[PUBLIC.name]
        current = person.pk in consenting
        if public is None or public == current:
            return []
        self.consents.append((person, public, row[CONSENT_DATE.name]))
        return [FieldChange(str(_("shown publicly")), None if is_new else current, public)]

    def after_write(self, *, user: AbstractBaseUser | None, source: str) -> None:
        for person, public, given_on in self.consents:
            if public:
                consent_give(
                    person=person,
                    method=ConsentRecord.Method.IMPORT,
                    source=_("Import of %(file)s") % {"file": source},
                    given_on=given_on,
                    recorded_by=user,
                )
            else:
                consent_withdraw(person=person, withdrawn_by=user)


def _pk(value: object) -> object:
    return getattr(value, "pk", value)


def _values_of(contact: Contact) -> dict[str, object]:
    return {
        "first_name": contact.person.first_name,
        "last_name": contact.person.last_name,
        "organisation": contact.organisation,
        "cluster": contact.cluster_id,
        "company": contact.company_id,
    }


def _person_key(values: dict) -> tuple:
    """A contact without e-mail is the same person if the name and the organisation are the same."""
    return (
        cells.name_key(values["first_name"] + values["last_name"]),
        values["organisation"],
        _pk(values["cluster"]),
        _pk(values["company"]),
    )


def import_contacts(
    source: Spreadsheet | Path | str,
    *,
    dry_run: bool = False,
    user: AbstractBaseUser | None = None,
    sheet: str | None = None,
) -> ImportReport:
    """Create or update contact persons and their roles, all rows or none; a person is found by e-mail."""
    return ContactImporter().run(source, dry_run=dry_run, user=user, sheet=sheet)
