"""The yearly figures table, as in "Latvian Clusters in Numbers (2017)": clusters and their figures.

The year comes from a Year column (one per row, as the admin's Export writes it), else from the
``year`` option or a title row such as "(2017)". A row without figures updates the cluster alone.
"""

from pathlib import Path

from django.contrib.auth.models import AbstractBaseUser
from django.utils import timezone
from django.utils.translation import gettext as _

from imports import cells
from imports.columns import Column, NumberColumn
from imports.files import Spreadsheet, Table
from imports.plan import Importer, Plan, Row
from imports.report import Action, ImportReport, file_error

from ..models import YEAR_VALIDATORS, Cluster, YearlyFigures
from ..plausibility import MEASURES, Baseline, baselines_for, figures_warnings
from .base import ClusterIndex, max_length, without_blanks

MIN_YEAR, MAX_YEAR = (validator.limit_value for validator in YEAR_VALIDATORS)
CLUSTER = Column(
    name="Cluster",
    aliases=("Cluster name", "Name", "Klasteris"),
    required=True,
    not_empty=True,
    max_length=max_length(Cluster, "name"),
    parse=cells.name,
)
YEAR = NumberColumn(name="Year", aliases=("Gads",), maximum=MAX_YEAR)
MEMBERS = NumberColumn(
    name="Number of members",
    field="members",
    aliases=("Members", "No. of members", "Nr. of members", "Member count", "Biedru skaits", "Biedri"),
    required=True,
    maximum=cells.INTEGER_MAX,
)
TURNOVER = NumberColumn(
    name="Turnover EUR",
    field="turnover_eur",
    aliases=("Turnover", "Turnover in EUR", "Apgrozījums", "Apgrozījums EUR"),
    required=True,
)
EXPORT = NumberColumn(
    name="Export EUR",
    field="export_eur",
    aliases=("Export", "Exports", "Exports EUR", "Export in EUR", "Eksports", "Eksports EUR"),
    required=True,
)
EMAIL = Column(
    name="Contacts",
    field="email",
    aliases=("Contact", "Email", "E-mail", "Contact e-mail", "Kontakti", "E-pasts"),
    max_length=max_length(Cluster, "email"),
    parse=cells.email,
)
WEBSITE = Column(
    name="www",
    field="website",
    aliases=("Website", "Web site", "Web", "Web page", "Homepage", "URL", "Mājaslapa"),
    max_length=max_length(Cluster, "website"),
    parse=cells.url,
)
COLUMNS = (CLUSTER, YEAR, MEMBERS, TURNOVER, EXPORT, EMAIL, WEBSITE)
FIGURES = (MEMBERS, TURNOVER, EXPORT)
CLUSTER_FIELDS = (EMAIL, WEBSITE)
PROVENANCE_FIELDS = ("source", "import_file", "import_sheet", "import_row", "imported_by", "imported_at")


class ClusterFiguresImporter(Importer):
    columns = COLUMNS
    write_order = (Cluster, YearlyFigures)

    def __init__(self, *, year: int | None = None) -> None:
        self.year = year

    def start(self, table: Table) -> None:
        self.table_sheet = table.sheet
        if YEAR.name not in table.columns or self.year is not None:
            self.year = _year(table, self.year)

    def check_row(self, row: Row) -> None:
        if row[CLUSTER.name] and not cells.slug(row[CLUSTER.name]):
            row.fail(CLUSTER.name, _("The name needs at least one letter or digit."))
        year = row[YEAR.name]
        if year is not None and year < MIN_YEAR:
            row.fail(
                YEAR.name,
                _("The year must be between %(min)d and %(max)d.") % {"min": MIN_YEAR, "max": MAX_YEAR},
            )
        given = [column for column in FIGURES if row[column.name] is not None]
        if given or row[YEAR.name] is not None:
            for column in FIGURES:
                if row[column.name] is None and column.name not in _failed_columns(row):
                    row.fail(column.name, _("This cell must not be empty."))
            if self.year is None and row[YEAR.name] is None:
                row.fail(YEAR.name, _("This cell must not be empty."))

    def plan_rows(self, rows: list[Row], plan: Plan) -> None:
        self.clusters = ClusterIndex(Cluster.objects.all())
        years = {row[YEAR.name] or self.year for row in rows}
        # Where a correction waits for review next to the approved figures, update the approved ones
        # (they come last, so they win); otherwise the year's only row.
        existing = sorted(
            YearlyFigures.objects.filter(year__in=years - {None}),
            key=lambda figures: figures.status == YearlyFigures.Status.APPROVED,
        )
        self.figures = {(figures.cluster_id, figures.year): figures for figures in existing}
        self.changed_figures: list[tuple[int, Cluster, YearlyFigures]] = []  # what the import writes, by row
        seen: dict[tuple, int] = {}
        for row in rows:
            cluster = self.clusters.find(row[CLUSTER.name])
            year = row[YEAR.name] or self.year
            identity = (cluster.slug if cluster else cells.slug(row[CLUSTER.name]), year)
            if identity in seen:
                message = _("The same cluster as in row %(row)d.") % {"row": seen[identity]}
                plan.fail(row.number, CLUSTER.name, message, row[CLUSTER.name])
                continue
            seen[identity] = row.number
            self._plan_row(row, cluster, year, plan)
        self._warn(plan)

    def _warn(self, plan: Plan) -> None:
        """The plausibility warnings of every row whose figures change, as the portal and the review
        show them: compared with the previous approved year, which may be a row of this file."""
        baselines = baselines_for(
            cluster_years=[(cluster, figures.year) for _row, cluster, figures in self.changed_figures]
        )
        for row, cluster, figures in self.changed_figures:
            baseline = baselines.get((cluster.pk, figures.year), Baseline())
            warnings = figures_warnings(
                year=figures.year,
                members=figures.members,
                turnover_eur=figures.turnover_eur,
                export_eur=figures.export_eur,
                baseline=self._with_earlier_rows(cluster, figures, baseline),
            )
            if warnings:
                plan.warn(row, warnings)

    def _with_earlier_rows(self, cluster: Cluster, figures: YearlyFigures, baseline: Baseline) -> Baseline:
        """The baseline, with the previous year taken from this file where it gives a later one."""
        earlier = [
            other
            for _row, other_cluster, other in self.changed_figures
            if other_cluster is cluster and other.year < figures.year
        ]
        latest = max(earlier, key=lambda other: other.year, default=None)
        if latest is None or (baseline.previous_year or 0) > latest.year:
            return baseline
        previous = {name: getattr(latest, name) for name in MEASURES}
        return Baseline(previous_year=latest.year, previous=previous, listed_members=baseline.listed_members)

    def _plan_row(self, row: Row, cluster: Cluster | None, year: int | None, plan: Plan) -> None:
        is_new = cluster is None
        if cluster is None:
            name = row[CLUSTER.name]
            cluster = Cluster(name=name, slug=cells.slug(name))
            self.clusters.by_name[cells.name_key(name)] = cluster
        changes = plan.diff(cluster, without_blanks(row.fields(CLUSTER_FIELDS)), is_new=is_new)
        plan.save(cluster, is_new=is_new)
        if row[MEMBERS.name] is not None:
            changes += self._plan_figures(row, cluster, year, plan)
        action = Action.CREATED if is_new else (Action.UPDATED if changes else Action.UNCHANGED)
        plan.add(row.number, cluster.name, action, changes)

    def _plan_figures(self, row: Row, cluster: Cluster, year: int, plan: Plan) -> list:
        figures = self.figures.get((cluster.pk, year)) if cluster.pk else None
        is_new = figures is None
        if figures is None:
            figures = YearlyFigures(cluster=cluster, year=year)
        values = {**row.fields(FIGURES), "status": YearlyFigures.Status.APPROVED}
        labels = {
            name: f"{YearlyFigures._meta.get_field(name).verbose_name} {year}"
            for name in ("members", "turnover_eur", "export_eur", "status")
        }
        changes = plan.diff(figures, values, is_new=is_new, labels=labels)
        if changes:
            # Only figures that change get this file as their source: re-importing a file changes nothing.
            figures.set_imported(
                file_name=self.source_name,
                sheet=self.table_sheet or "",
                row=row.number,
                user=self.user,
                when=timezone.now(),
            )
            plan.save(figures, is_new=is_new, fields=PROVENANCE_FIELDS)
            self.changed_figures.append((row.number, cluster, figures))
        plan.save(figures, is_new=is_new)
        return changes

    def report(self, changes, *, dry_run: bool) -> ImportReport:
        return ImportReport(changes, dry_run=dry_run, year=self.year)


def _failed_columns(row: Row) -> set[str]:
    return {error.column for error in row.errors if error.row == row.number}


def _year(table: Table, year: int | None) -> int:
    if year is None:
        found = (cells.year_in_title(value) for row in table.title_rows for value in row.cells)
        year = next((found_year for found_year in found if found_year), None)
    if year is None:
        raise file_error(
            _("Which year are the figures for? Give the year, or put it in a title row as “(2017)”.")
        )
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise file_error(
            _("The year must be between %(min)d and %(max)d.") % {"min": MIN_YEAR, "max": MAX_YEAR}
        )
    return year


def import_clusters(
    source: Spreadsheet | Path | str,
    *,
    year: int | None = None,
    dry_run: bool = False,
    user: AbstractBaseUser | None = None,
    sheet: str | None = None,
) -> ImportReport:
    """Create or update each cluster of the table and its approved figures for the year.

    Every row is checked before anything is written; any problem raises ImportFailed and leaves the
    database as it was. Re-importing the same file changes nothing.
    """
    return ClusterFiguresImporter(year=year).run(source, dry_run=dry_run, user=user, sheet=sheet)
