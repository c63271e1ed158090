"""Member companies of clusters: one row per membership, companies matched by registration number or name.

Also reads the Register of Enterprises' open data (register.csv): registration number from ``regcode``,
name from ``name``; a company the Register shows as terminated or closed is refused; the Register's
numeric city and region codes are never stored as a city.
"""

from dataclasses import dataclass, field, replace
from pathlib import Path

from django.contrib.auth.models import AbstractBaseUser
from django.db.models.functions import Lower
from django.utils.translation import gettext as _

from imports import cells
from imports.columns import ChoiceColumn, Column, DateColumn
from imports.files import Spreadsheet, Table
from imports.plan import Importer, Plan, Row
from imports.report import Action, FieldChange, ImportReport, file_error

from ..models import Cluster, Company, Membership, Sector
from ..slugs import unique_slug
from .base import ClusterIndex, max_length, registration_number, without_blanks

QUERY_CHUNK = 2000

COMPANY = Column(
    name="Company",
    field="name",
    aliases=("Company name", "Name", "Member", "Uzņēmums", "Nosaukums"),
    required=True,
    not_empty=True,
    max_length=max_length(Company, "name"),
    parse=cells.name,
)
REGISTRATION_NUMBER = Column(
    name="Registration number",
    field="registration_number",
    aliases=("Reg. no.", "Registration no.", "Reg. nr.", "Reģistrācijas numurs", "regcode"),
    parse=registration_number,
)
CLUSTER = Column(name="Cluster", aliases=("Klasteris",), required=True, not_empty=True, parse=cells.name)
SINCE = DateColumn(name="Member since", aliases=("Since", "Joined", "Member from", "Biedrs kopš"))
UNTIL = DateColumn(name="Member until", aliases=("Until", "Left", "Biedrs līdz"))
ROLE = ChoiceColumn(name="Role", aliases=("Loma",), choices=Membership.Role.choices)
WEBSITE = Column(
    name="Website",
    field="website",
    aliases=("www", "Web", "Web page", "Mājaslapa"),
    max_length=max_length(Company, "website"),
    parse=cells.url,
)
EMAIL = Column(
    name="Email",
    field="email",
    aliases=("E-mail", "E-pasts"),
    max_length=max_length(Company, "email"),
    parse=cells.email,
)
PHONE = Column(
    name="Phone", field="phone", aliases=("Telephone", "Tel.", "Phone number", "Tālrunis"), parse=cells.phone
)
CITY = Column(name="City", field="city", aliases=("Town", "Pilsēta"), max_length=max_length(Company, "city"))
SECTOR = Column(name="Sector", aliases=("Nozare",), parse=cells.name)
CATEGORY = ChoiceColumn(
    name="Category",
    field="category",
    aliases=("Member category", "Kategorija"),
    choices=Company.Category.choices,
)
# The Register of Enterprises' columns that say a company no longer exists.
TERMINATED = Column(name="terminated", aliases=("Likvidēts",))
CLOSED = Column(name="closed", aliases=("Slēgts",))
COLUMNS = (
    COMPANY,
    REGISTRATION_NUMBER,
    CLUSTER,
    SINCE,
    UNTIL,
    ROLE,
    WEBSITE,
    EMAIL,
    PHONE,
    CITY,
    SECTOR,
    CATEGORY,
    TERMINATED,
    CLOSED,
)
COMPANY_COLUMNS = (COMPANY, REGISTRATION_NUMBER, WEBSITE, EMAIL, PHONE, CITY, CATEGORY)


@dataclass
class PlannedCompany:
    company: Company
    is_new: bool
    given_in_row: dict[str, int] = field(default_factory=dict)  # field name -> row that gave its value


class MemberImporter(Importer):
    """Companies and their current memberships; ``cluster`` (slug or name) puts every row in it.

    With ``memberships=False`` (the Companies import) a file without a Cluster column imports companies
    alone.
    """

    columns = COLUMNS
    write_order = (Company, Membership)

    def __init__(self, *, cluster: str | None = None, memberships: bool = True) -> None:
        self.cluster_option = cluster
        self.memberships_required = memberships and cluster is None

    def header_columns(self) -> tuple[Column, ...]:
        if self.memberships_required:
            return self.columns
        return tuple(
            replace(column, required=False) if column is CLUSTER else column for column in self.columns
        )

    def start(self, table: Table) -> None:
        self.clusters = ClusterIndex(Cluster.objects.all())
        self.fixed_cluster = None
        if self.cluster_option is not None:
            self.fixed_cluster = self.clusters.find(self.cluster_option)
            if self.fixed_cluster is None:
                raise file_error(_("There is no cluster “%(cluster)s”.") % {"cluster": self.cluster_option})
        self.register_layout = cells.header_key(table.headers.get(REGISTRATION_NUMBER.name)) == "regcode"
        self.sectors = {cells.name_key(sector.name): sector for sector in Sector.objects.all()}

    def check_row(self, row: Row) -> None:
        name = row[COMPANY.name]
        if self.register_layout and name:
            name = row.values[COMPANY.name] = name.replace('""', '"')  # the Register doubles quotes
            row.values[CITY.name] = None  # the Register's city is a numeric code, not a name
        if name and not cells.slug(name):
            row.fail(COMPANY.name, _("The name needs at least one letter or digit."))
        for column in (TERMINATED, CLOSED):
            if cells.text(row[column.name]):
                message = _("The Register of Enterprises shows this company as closed; remove the row.")
                row.fail(column.name, message)
        row.values["cluster"] = self.fixed_cluster or self._cluster(row)
        since, until = row[SINCE.name], row[UNTIL.name]
        if since and until and until < since:
            row.fail(UNTIL.name, _("A membership cannot end before it starts."))
        if row[SECTOR.name]:
            row.values["sector"] = self.sectors.get(cells.name_key(row[SECTOR.name]))
            if row.values["sector"] is None:
                row.fail(SECTOR.name, _("There is no such sector; check the spelling."))

    def _cluster(self, row: Row) -> Cluster | None:
        written = row[CLUSTER.name]
        if not written:
            return None
        found = self.clusters.find(written)
        if found is None:
            row.fail(CLUSTER.name, _("There is no such cluster; add it first or check the spelling."))
        return found

    def plan_rows(self, rows: list[Row], plan: Plan) -> None:
        self.index = CompanyIndex(rows)
        self.planned: dict[object, PlannedCompany] = {}
        self.membership_rows: dict[tuple[int, int], int] = {}
        clusters = {row["cluster"].pk for row in rows if row["cluster"]}
        self.memberships = {}  # (company, cluster, until) -> membership; until is None while current
        for chunk in _chunks(self.index.matched_pks):
            for membership in Membership.objects.filter(cluster__in=clusters, company__in=chunk):
                self.memberships[(membership.company_id, membership.cluster_id, membership.until)] = (
                    membership
                )
        for row in rows:
            self._plan_row(row, plan)

    def _plan_row(self, row: Row, plan: Plan) -> None:
        values = without_blanks(row.fields(COMPANY_COLUMNS))
        if row["sector"]:
            values["sector"] = row["sector"]
        planned = self._company(row, values)
        changes = self._apply(planned, values, row, plan)
        if changes is None:
            return
        cluster = row["cluster"]
        membership_action = Action.UNCHANGED
        if cluster is not None:
            membership_action = self._membership(row, planned, cluster, changes, plan)
            if membership_action is None:
                return
        if planned.is_new or membership_action == Action.CREATED:
            action = Action.CREATED
        else:
            action = Action.UPDATED if changes else Action.UNCHANGED
        label = f"{planned.company.name} — {cluster.name}" if cluster else planned.company.name
        plan.add(row.number, label, action, changes)

    def _company(self, row: Row, values: dict) -> PlannedCompany:
        name_key = cells.name_key(row[COMPANY.name])
        pk = self.index.existing_pk(values.get("registration_number", ""), name_key)
        keys = _keys(pk, values, name_key)
        planned = next((self.planned[key] for key in keys if _same(self.planned.get(key), values)), None)
        if planned is None:
            if pk is not None:
                planned = PlannedCompany(self.index.existing[pk], is_new=False)
            else:
                planned = PlannedCompany(Company(slug=self.index.unique_slug(row[COMPANY.name])), is_new=True)
        for key in keys:
            self.planned.setdefault(key, planned)
        return planned

    def _apply(self, planned: PlannedCompany, values: dict, row: Row, plan: Plan) -> list[FieldChange] | None:
        """Set the row's values on the company; None when they contradict an earlier row."""
        company, conflict = planned.company, False
        for name, new in list(values.items()):
            if name in planned.given_in_row and getattr(company, name) != new:
                message = _("Differs from row %(row)d for the same company.") % {
                    "row": planned.given_in_row[name]
                }
                plan.fail(row.number, _column_of(name), message, new)
                conflict = True
        for name in values:
            planned.given_in_row.setdefault(name, row.number)
        if conflict:
            return None
        return plan.diff(planned.company, values, is_new=planned.is_new)

    def _membership(
        self, row: Row, planned: PlannedCompany, cluster: Cluster, changes: list, plan: Plan
    ) -> Action | None:
        """Plan the current membership of the row's company in the cluster; None if a row had it already."""
        until = row[UNTIL.name]
        key = (id(planned), cluster.pk, until)
        if key in self.membership_rows:
            message = _("The same company and cluster as row %(row)d.") % {"row": self.membership_rows[key]}
            plan.fail(row.number, CLUSTER.name, message, cluster.name)
            return None
        self.membership_rows[key] = row.number
        company_pk = None if planned.is_new else planned.company.pk
        membership = self.memberships.get((company_pk, cluster.pk, until))
        values = without_blanks({"since": row[SINCE.name], "role": row[ROLE.name]})
        if membership is None and until and self.memberships.get((company_pk, cluster.pk, None)):
            message = _("The company is a current member of this cluster; end that membership in the admin.")
            plan.fail(row.number, UNTIL.name, message, until)
            return None
        if membership is None:
            membership = Membership(company=planned.company, cluster=cluster, until=until)
            changes += plan.diff(membership, values, is_new=True)
            plan.save(membership, is_new=True)
            return Action.CREATED
        changes += plan.diff(membership, values, is_new=False)
        return Action.UPDATED if changes else Action.UNCHANGED


class CompanyIndex:
    """The companies the rows may mean, loaded by the keys the file names (registration numbers, names
    and slugs), never the whole table."""

    def __init__(self, rows: list[Row]) -> None:
        numbers = {row[REGISTRATION_NUMBER.name] for row in rows} - {None, ""}
        self.by_registration_number: dict[str, int] = {}
        self.by_name: dict[str, tuple[int, str]] = {}
        found = {}
        for chunk in _chunks(sorted(numbers)):
            found.update(Company.objects.filter(registration_number__in=chunk).in_bulk())
        known = {company.registration_number for company in found.values()}
        # Only a row whose number is not known may mean a company found by its name instead.
        names = {row[COMPANY.name] for row in rows if row[REGISTRATION_NUMBER.name] not in known}
        lowered = {name.lower() for name in names}
        slugs = {cells.slug(name) for name in names}
        for chunk in _chunks(sorted(lowered)):
            found.update(Company.objects.alias(lower=Lower("name")).filter(lower__in=chunk).in_bulk())
        for chunk in _chunks(sorted(slugs)):
            found.update(Company.objects.filter(slug__in=chunk).in_bulk())
        for pk, company in sorted(found.items()):
            if company.registration_number:
                self.by_registration_number[company.registration_number] = pk
            self.by_name.setdefault(cells.name_key(company.name), (pk, company.registration_number))
        self.existing = found
        self.taken_slugs = {company.slug for company in found.values()}

    @property
    def matched_pks(self) -> list[int]:
        return list(self.existing)

    def existing_pk(self, registration_number: str, name_key: str) -> int | None:
        if registration_number and registration_number in self.by_registration_number:
            return self.by_registration_number[registration_number]
        pk, existing_number = self.by_name.get(name_key, (None, ""))
        if registration_number and existing_number and existing_number != registration_number:
            return None  # the same name, but another legal entity
        return pk

    def unique_slug(self, name: str) -> str:
        return unique_slug(Company, name, fallback="company", taken=self.taken_slugs)


def _chunks(values: list) -> list[list]:
    return [values[start : start + QUERY_CHUNK] for start in range(0, len(values), QUERY_CHUNK)]


def _keys(pk: int | None, values: dict, name_key: str) -> list[object]:
    """How later rows find the company this row plans: its primary key, else its number and name."""
    if pk is not None:
        return [pk]
    keys: list[object] = [("name", name_key)]
    if values.get("registration_number"):
        keys.insert(0, ("registration number", values["registration_number"]))
    return keys


def _same(planned: PlannedCompany | None, values: dict) -> bool:
    """Whether a company planned by an earlier row may be this row's: not if their numbers differ."""
    if planned is None:
        return False
    theirs, ours = planned.company.registration_number, values.get("registration_number")
    return not (theirs and ours and theirs != ours)


def _column_of(field_name: str) -> str:
    if field_name == "sector":
        return SECTOR.name
    return next(column.name for column in COMPANY_COLUMNS if column.field == field_name)


def import_members(
    source: Spreadsheet | Path | str,
    *,
    cluster: str | None = None,
    memberships: bool = True,
    dry_run: bool = False,
    user: AbstractBaseUser | None = None,
    sheet: str | None = None,
) -> ImportReport:
    """Create or update member companies and their current memberships, all rows or none.

    ``cluster`` (a slug or name) puts every row in that cluster; the file then needs no Cluster column.
    """
    importer = MemberImporter(cluster=cluster, memberships=memberships)
    return importer.run(source, dry_run=dry_run, user=user, sheet=sheet)
