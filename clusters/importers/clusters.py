"""The yearly figures table, as in "Latvian Clusters in Numbers (2017)": clusters and that year's figures."""

from dataclasses import dataclass
from pathlib import Path

from django.contrib.auth.models import AbstractBaseUser
from django.utils.translation import gettext as _

from ..models import YEAR_VALIDATORS, Cluster, YearlyFigures
from . import cells
from .base import (
    Action,
    ClusterIndex,
    Column,
    ImportFailed,
    ImportReport,
    RowChange,
    RowError,
    RowReader,
    assign,
    file_error,
    max_length,
    one_transaction,
    save_with_history,
)
from .files import Spreadsheet, Table, open_source, read_table

CLUSTER = "Cluster"
MEMBERS = "Number of members"
TURNOVER = "Turnover EUR"
EXPORT = "Export EUR"
EMAIL = "Contacts"
WEBSITE = "www"
COLUMNS = (
    Column(CLUSTER, ("Cluster name", "Name", "Klasteris")),
    Column(
        MEMBERS, ("Members", "No. of members", "Nr. of members", "Member count", "Biedru skaits", "Biedri")
    ),
    Column(TURNOVER, ("Turnover", "Turnover in EUR", "Apgrozījums", "Apgrozījums EUR")),
    Column(EXPORT, ("Export", "Exports", "Exports EUR", "Export in EUR", "Eksports", "Eksports EUR")),
    Column(EMAIL, ("Contact", "Email", "E-mail", "Contact e-mail", "Kontakti", "E-pasts"), required=False),
    Column(
        WEBSITE, ("Website", "Web site", "Web", "Web page", "Homepage", "URL", "Mājaslapa"), required=False
    ),
)
MIN_YEAR, MAX_YEAR = (validator.limit_value for validator in YEAR_VALIDATORS)


@dataclass
class ClusterRow:
    row: int
    name: str
    email: str
    website: str
    figures: dict[str, int]


@dataclass
class PlannedRow:
    change: RowChange
    cluster: Cluster
    figures: YearlyFigures
    cluster_is_new: bool
    figures_are_new: bool
    cluster_changed: bool
    figures_changed: bool


def import_clusters(
    source: Spreadsheet | Path | str,
    *,
    year: int | None = None,
    dry_run: bool = False,
    user: AbstractBaseUser | None = None,
) -> ImportReport:
    """Create or update each cluster of the table and its approved figures for the year.

    Every row is checked before anything is written; any problem raises ImportFailed and leaves the
    database as it was. Re-importing the same file changes nothing.
    """
    spreadsheet = open_source(source)
    table = read_table(spreadsheet, COLUMNS)
    year = _year(table, year)
    planned = _plan(_parse(table), year)
    if not dry_run:
        with one_transaction():
            _write(planned, user=user, reason=_("Imported from %(file)s") % {"file": spreadsheet.name[:60]})
    return ImportReport([row.change for row in planned], dry_run=dry_run, year=year)


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


def _parse(table: Table) -> list[ClusterRow]:
    errors: list[RowError] = []
    parsed = []
    for number, values in table.rows:
        reader = RowReader(number, values, errors)
        name = reader.get(CLUSTER, cells.name, required=True, max_length=max_length(Cluster, "name"))
        if name and not cells.slug(name):
            reader.fail(CLUSTER, _("The name needs at least one letter or digit."), name)
        figures = {
            "members": reader.get(MEMBERS, _members, required=True),
            "turnover_eur": reader.get(TURNOVER, cells.whole_number, required=True),
            "export_eur": reader.get(EXPORT, cells.whole_number, required=True),
        }
        row = ClusterRow(
            row=number,
            name=name or "",
            email=reader.get(EMAIL, cells.email, max_length=max_length(Cluster, "email")) or "",
            website=reader.get(WEBSITE, cells.url, max_length=max_length(Cluster, "website")) or "",
            figures=figures,
        )
        if reader.valid:
            parsed.append(row)
    if errors:
        raise ImportFailed(errors)
    return parsed


def _members(value: object) -> int:
    return cells.whole_number(value, maximum=cells.INTEGER_MAX)


def _plan(rows: list[ClusterRow], year: int) -> list[PlannedRow]:
    clusters = ClusterIndex(Cluster.objects.all())
    # Where a correction waits for review next to the approved figures, update the approved ones
    # (they come last, so they win); otherwise the year's only row.
    existing = sorted(
        YearlyFigures.objects.filter(year=year), key=lambda f: f.status == YearlyFigures.Status.APPROVED
    )
    figures_by_cluster = {figures.cluster_id: figures for figures in existing}
    seen: dict[str, int] = {}
    errors = []
    planned = []
    for row in rows:
        cluster = clusters.find(row.name)
        identity = cluster.slug if cluster else cells.slug(row.name)
        if identity in seen:
            errors.append(
                RowError(
                    row.row,
                    CLUSTER,
                    _("The same cluster as in row %(row)d.") % {"row": seen[identity]},
                    row.name,
                )
            )
            continue
        seen[identity] = row.row
        figures = figures_by_cluster.get(cluster.pk) if cluster else None
        planned.append(_plan_row(row, cluster, figures, year))
    if errors:
        raise ImportFailed(errors)
    return planned


def _plan_row(
    row: ClusterRow, cluster: Cluster | None, figures: YearlyFigures | None, year: int
) -> PlannedRow:
    cluster_is_new, figures_are_new = cluster is None, figures is None
    if cluster is None:
        cluster = Cluster(name=row.name, slug=cells.slug(row.name))
    if figures is None:
        figures = YearlyFigures(cluster=cluster, year=year)
    cluster_changes = assign(cluster, {"website": row.website, "email": row.email}, _cluster_labels())
    figure_values = {**row.figures, "status": YearlyFigures.Status.APPROVED}
    figure_changes = assign(figures, figure_values, _figure_labels(year))
    if cluster_is_new:
        action = Action.CREATED
    else:
        action = Action.UPDATED if cluster_changes or figure_changes else Action.UNCHANGED
    change = RowChange(row.row, cluster.name, action, cluster_changes + figure_changes)
    return PlannedRow(
        change, cluster, figures, cluster_is_new, figures_are_new, bool(cluster_changes), bool(figure_changes)
    )


def _cluster_labels() -> dict[str, str]:
    return {name: str(Cluster._meta.get_field(name).verbose_name) for name in ("website", "email")}


def _figure_labels(year: int) -> dict[str, str]:
    names = ("members", "turnover_eur", "export_eur", "status")
    return {name: f"{YearlyFigures._meta.get_field(name).verbose_name} {year}" for name in names}


def _write(planned: list[PlannedRow], *, user: AbstractBaseUser | None, reason: str) -> None:
    save_with_history(
        Cluster,
        created=[row.cluster for row in planned if row.cluster_is_new],
        updated=[row.cluster for row in planned if row.cluster_changed and not row.cluster_is_new],
        fields=["website", "email"],
        user=user,
        reason=reason,
    )
    save_with_history(
        YearlyFigures,
        created=[row.figures for row in planned if row.figures_are_new],
        updated=[row.figures for row in planned if row.figures_changed and not row.figures_are_new],
        fields=["members", "turnover_eur", "export_eur", "status"],
        user=user,
        reason=reason,
    )
