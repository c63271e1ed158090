"""Member companies of clusters: one row per membership, companies matched by registration number or name."""

import datetime
from dataclasses import dataclass, field
from pathlib import Path

from django.contrib.auth.models import AbstractBaseUser
from django.utils.translation import gettext as _

from ..models import Cluster, Company, Membership
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
    file_error,
    max_length,
    one_transaction,
    save_with_history,
)
from .files import Spreadsheet, open_source, read_table

COMPANY = "Company"
REGISTRATION_NUMBER = "Registration number"
CLUSTER = "Cluster"
SINCE = "Member since"
WEBSITE = "Website"
EMAIL = "Email"
PHONE = "Phone"
CITY = "City"
CATEGORY = "Category"
COLUMNS = (
    Column(COMPANY, ("Company name", "Name", "Member", "Uzņēmums", "Nosaukums")),
    Column(
        REGISTRATION_NUMBER,
        ("Reg. no.", "Registration no.", "Reg. nr.", "Reģistrācijas numurs"),
        required=False,
    ),
    Column(CLUSTER, ("Klasteris",)),
    Column(SINCE, ("Since", "Joined", "Member from", "Biedrs kopš"), required=False),
    Column(WEBSITE, ("www", "Web", "Web page", "Mājaslapa"), required=False),
    Column(EMAIL, ("E-mail", "E-pasts"), required=False),
    Column(PHONE, ("Telephone", "Tel.", "Phone number", "Tālrunis"), required=False),
    Column(CITY, ("Town", "Pilsēta"), required=False),
    Column(CATEGORY, ("Member category", "Kategorija"), required=False),
)
COMPANY_FIELDS = ["name", "registration_number", "website", "email", "phone", "city", "category"]


@dataclass
class MemberRow:
    row: int
    cluster: Cluster
    company: dict[str, object]
    since: datetime.date | None
    name_key: str
    slug: str


@dataclass
class PlannedCompany:
    company: Company
    is_new: bool
    given_in_row: dict[str, int] = field(default_factory=dict)  # field name -> row that gave its value
    changed: bool = False


def import_members(
    source: Spreadsheet | Path | str,
    *,
    cluster: str | None = None,
    dry_run: bool = False,
    user: AbstractBaseUser | None = None,
) -> ImportReport:
    """Create or update member companies and their current memberships, all rows or none.

    ``cluster`` (a slug or name) puts every row in that cluster; the file then needs no Cluster column.
    """
    spreadsheet = open_source(source)
    columns = COLUMNS if cluster is None else tuple(_optional(column, CLUSTER) for column in COLUMNS)
    table = read_table(spreadsheet, columns)
    clusters = ClusterIndex(Cluster.objects.all())
    fixed_cluster = _fixed_cluster(clusters, cluster)
    plan = MemberPlan(_parse(table.rows, clusters, fixed_cluster))
    if not dry_run:
        with one_transaction():
            plan.write(user=user, reason=_("Imported from %(file)s") % {"file": spreadsheet.name[:60]})
    return ImportReport(plan.changes, dry_run=dry_run)


def _optional(column: Column, name: str) -> Column:
    return Column(column.name, column.aliases, required=False) if column.name == name else column


def _fixed_cluster(clusters: ClusterIndex, written: str | None) -> Cluster | None:
    if written is None:
        return None
    found = clusters.find(written)
    if found is None:
        raise file_error(_("There is no cluster “%(cluster)s”.") % {"cluster": written})
    return found


def _parse(
    rows: list[tuple[int, dict]], clusters: ClusterIndex, fixed_cluster: Cluster | None
) -> list[MemberRow]:
    errors: list[RowError] = []
    parser = MemberRowParser(clusters, fixed_cluster)
    parsed = []
    for number, values in rows:
        reader = RowReader(number, values, errors)
        row = parser.parse(reader)
        if reader.valid:
            parsed.append(row)
    if errors:
        raise ImportFailed(errors)
    return parsed


class MemberRowParser:
    """Reads one row into a MemberRow; what every row needs (clusters, choices, lengths) is prepared once."""

    def __init__(self, clusters: ClusterIndex, fixed_cluster: Cluster | None) -> None:
        self.clusters = clusters
        self.fixed_cluster = fixed_cluster
        self.category_choices = Company.Category.choices
        self.categories = cells.choice_keys(self.category_choices)
        self.lengths = {name: max_length(Company, name) for name in ("name", "website", "email", "city")}

    def parse(self, reader: RowReader) -> MemberRow:
        name = reader.get(COMPANY, cells.name, required=True, max_length=self.lengths["name"])
        slug = cells.slug(name) if name else ""
        if name and not slug:
            reader.fail(COMPANY, _("The name needs at least one letter or digit."), name)
        registration_number = reader.get(REGISTRATION_NUMBER, cells.registration_number)
        cluster = self.fixed_cluster or self._cluster(reader)
        since = reader.get(SINCE, cells.date)
        company = {
            "name": name,
            "registration_number": registration_number,
            "website": reader.get(WEBSITE, cells.url, max_length=self.lengths["website"]),
            "email": reader.get(EMAIL, cells.email, max_length=self.lengths["email"]),
            "phone": reader.get(PHONE, cells.phone),
            "city": reader.get(CITY, cells.text, max_length=self.lengths["city"]),
            "category": reader.get(CATEGORY, self._category),
        }
        return MemberRow(reader.row, cluster, company, since, cells.name_key(name or ""), slug)

    def _cluster(self, reader: RowReader) -> Cluster | None:
        written = reader.get(CLUSTER, cells.name, required=True)
        if not written:
            return None
        found = self.clusters.find(written)
        if found is None:
            reader.fail(CLUSTER, _("There is no such cluster; add it first or check the spelling."), written)
        return found

    def _category(self, value: object) -> str:
        return cells.choice(value, self.category_choices, self.categories) if cells.text(value) else ""


class MemberPlan:
    """Every company and membership the rows create or change, found with a few queries up front."""

    def __init__(self, rows: list[MemberRow]) -> None:
        self.errors: list[RowError] = []
        self.companies: list[PlannedCompany] = []
        self.new_memberships: list[Membership] = []
        self.changed_memberships: list[Membership] = []
        self.changes: list[RowChange] = []
        self._load(rows)
        for row in rows:
            self._plan_row(row)
        if self.errors:
            raise ImportFailed(self.errors)

    def _load(self, rows: list[MemberRow]) -> None:
        self.by_registration_number: dict[str, int] = {}
        self.by_name: dict[str, tuple[int, str]] = {}
        for pk, registration_number, name in Company.objects.values_list("pk", "registration_number", "name"):
            if registration_number:
                self.by_registration_number[registration_number] = pk
            self.by_name.setdefault(cells.name_key(name), (pk, registration_number))
        self.slugs = set(Company.objects.values_list("slug", flat=True))
        self.planned: dict[object, PlannedCompany] = {}
        matched = {self._existing_pk(row.company["registration_number"], row.name_key) for row in rows}
        matched.discard(None)
        self.existing = Company.objects.in_bulk(matched)
        self.memberships = {
            (membership.company_id, membership.cluster_id): membership
            for membership in Membership.objects.current().filter(
                cluster__in={row.cluster.pk for row in rows}
            )
        }
        self.membership_rows: dict[tuple[int, int], int] = {}
        self.labels = {name: str(Company._meta.get_field(name).verbose_name) for name in COMPANY_FIELDS}
        self.labels["since"] = str(Membership._meta.get_field("since").verbose_name)

    def _existing_pk(self, registration_number: str, name_key: str) -> int | None:
        if registration_number and registration_number in self.by_registration_number:
            return self.by_registration_number[registration_number]
        pk, existing_number = self.by_name.get(name_key, (None, ""))
        if registration_number and existing_number and existing_number != registration_number:
            return None  # the same name, but another legal entity
        return pk

    def _plan_row(self, row: MemberRow) -> None:
        planned, changes = self._company(row)
        if planned is None:
            return
        membership_action = self._membership(row, planned, changes)
        if membership_action is None:
            return
        if planned.is_new or membership_action == Action.CREATED:
            action = Action.CREATED
        else:
            action = Action.UPDATED if changes else Action.UNCHANGED
        label = f"{planned.company.name} — {row.cluster.name}"
        self.changes.append(RowChange(row.row, label, action, changes))

    def _company(self, row: MemberRow) -> tuple[PlannedCompany | None, list[FieldChange]]:
        values = {name: value for name, value in row.company.items() if value not in (None, "")}
        pk = self._existing_pk(values.get("registration_number", ""), row.name_key)
        keys = self._keys(pk, values, row.name_key)
        planned = next((self.planned[key] for key in keys if self._same(self.planned.get(key), values)), None)
        if planned is None:
            planned = self._start(pk, row.slug)
            self.companies.append(planned)
        for key in keys:
            self.planned.setdefault(key, planned)
        changes = self._apply(planned, values, row.row)
        return (None, []) if changes is None else (planned, changes)

    @staticmethod
    def _keys(pk: int | None, values: dict, name_key: str) -> list[object]:
        """How later rows find the company this row plans: its primary key, else its number and name."""
        if pk is not None:
            return [pk]
        keys: list[object] = [("name", name_key)]
        if values.get("registration_number"):
            keys.insert(0, ("registration number", values["registration_number"]))
        return keys

    @staticmethod
    def _same(planned: PlannedCompany | None, values: dict) -> bool:
        """Whether a company planned by an earlier row may be this row's: not if their numbers differ."""
        if planned is None:
            return False
        theirs, ours = planned.company.registration_number, values.get("registration_number")
        return not (theirs and ours and theirs != ours)

    def _start(self, pk: int | None, slug: str) -> PlannedCompany:
        if pk is not None:
            return PlannedCompany(self.existing[pk], is_new=False)
        return PlannedCompany(Company(slug=self._unique_slug(slug)), is_new=True)

    def _unique_slug(self, slug: str) -> str:
        base = slug[:240]
        slug, suffix = base, 1
        while slug in self.slugs:
            suffix += 1
            slug = f"{base}-{suffix}"
        self.slugs.add(slug)
        return slug

    def _apply(self, planned: PlannedCompany, values: dict, row: int) -> list[FieldChange] | None:
        """Set the row's values on the company; None when they contradict an earlier row."""
        company, changes, conflict = planned.company, [], False
        for name, new in values.items():
            old = getattr(company, name)
            if old == new:
                continue
            if name in planned.given_in_row:
                message = _("Differs from row %(row)d for the same company.") % {
                    "row": planned.given_in_row[name]
                }
                self.errors.append(RowError(row, _column_of(name), message, cells.text(new)))
                conflict = True
                continue
            changes.append(FieldChange(self.labels[name], None if planned.is_new else old, new))
            setattr(company, name, new)
            planned.changed = True
        for name in values:
            planned.given_in_row.setdefault(name, row)
        return None if conflict else changes

    def _membership(self, row: MemberRow, planned: PlannedCompany, changes: list) -> Action | None:
        key = (id(planned), row.cluster.pk)
        if key in self.membership_rows:
            message = _("The same company and cluster as row %(row)d.") % {"row": self.membership_rows[key]}
            self.errors.append(RowError(row.row, CLUSTER, message, row.cluster.name))
            return None
        self.membership_rows[key] = row.row
        membership = None if planned.is_new else self.memberships.get((planned.company.pk, row.cluster.pk))
        if membership is None:
            self.new_memberships.append(
                Membership(company=planned.company, cluster=row.cluster, since=row.since)
            )
            return Action.CREATED
        if row.since and membership.since != row.since:
            changes.append(FieldChange(self.labels["since"], membership.since, row.since))
            membership.since = row.since
            self.changed_memberships.append(membership)
            return Action.UPDATED
        return Action.UNCHANGED

    def write(self, *, user: AbstractBaseUser | None, reason: str) -> None:
        save_with_history(
            Company,
            created=[planned.company for planned in self.companies if planned.is_new],
            updated=[planned.company for planned in self.companies if planned.changed and not planned.is_new],
            fields=COMPANY_FIELDS,
            user=user,
            reason=reason,
        )
        save_with_history(
            Membership,
            created=self.new_memberships,
            updated=self.changed_memberships,
            fields=["since"],
            user=user,
            reason=reason,
        )


def _column_of(field_name: str) -> str:
    return {
        "name": COMPANY,
        "registration_number": REGISTRATION_NUMBER,
        "website": WEBSITE,
        "email": EMAIL,
        "phone": PHONE,
        "city": CITY,
        "category": CATEGORY,
    }[field_name]
