"""What every importer shares: errors, the report, reading a row's cells and writing with history."""

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TypeVar

from django.db import DatabaseError, models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from ..models import Cluster
from . import cells

T = TypeVar("T")
BATCH_SIZE = 2000


@dataclass(frozen=True)
class RowError:
    """One problem, placed where the user sees it: spreadsheet row (1-based) and column name."""

    row: int | None
    column: str | None
    message: str
    value: str = ""

    def __str__(self) -> str:
        where = []
        if self.row is not None:
            where.append(_("Row %(row)d") % {"row": self.row})
        if self.column:
            where.append(_("column “%(column)s”") % {"column": self.column})
        value = _(" (cell: “%(value)s”)") % {"value": self.value} if self.value else ""
        return f"{', '.join(where) or _('File')}: {self.message}{value}"


class ImportFailed(Exception):
    """The file cannot be imported; nothing was written. ``errors`` lists every problem found."""

    def __init__(self, errors: list[RowError]) -> None:
        self.errors = errors
        super().__init__("\n".join(str(error) for error in errors))


def file_error(message: str) -> ImportFailed:
    return ImportFailed([RowError(None, None, message)])


class Action(StrEnum):
    CREATED = "created"
    UPDATED = "updated"
    UNCHANGED = "unchanged"

    @property
    def label(self) -> str:
        return str(ACTION_LABELS[self])


ACTION_LABELS = {
    Action.CREATED: gettext_lazy("created"),
    Action.UPDATED: gettext_lazy("updated"),
    Action.UNCHANGED: gettext_lazy("unchanged"),
}


@dataclass(slots=True)
class FieldChange:
    field: str
    old: object
    new: object

    def __str__(self) -> str:
        if self.old in (None, ""):
            return f"{self.field}: {_display(self.new)}"
        return f"{self.field}: {_display(self.old)} → {_display(self.new)}"


def _display(value: object) -> str:
    if value in (None, ""):
        return "—"
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value:,}".replace(",", " ")
    return str(value)


@dataclass(slots=True)
class RowChange:
    """What importing one spreadsheet row does (or, in a dry run, would do)."""

    row: int
    label: str
    action: Action
    changes: list[FieldChange] = field(default_factory=list)

    def __str__(self) -> str:
        line = _("Row %(row)d: %(action)s %(label)s") % {
            "row": self.row,
            "action": self.action.label,
            "label": self.label,
        }
        if self.changes:
            line += " (" + "; ".join(str(change) for change in self.changes) + ")"
        return line


@dataclass
class ImportReport:
    """The outcome of an import: one entry per data row, with counts by action."""

    rows: list[RowChange]
    dry_run: bool = False
    year: int | None = None

    def _count(self, action: Action) -> int:
        return sum(1 for row in self.rows if row.action == action)

    @property
    def created(self) -> int:
        return self._count(Action.CREATED)

    @property
    def updated(self) -> int:
        return self._count(Action.UPDATED)

    @property
    def unchanged(self) -> int:
        return self._count(Action.UNCHANGED)

    @property
    def changed_rows(self) -> list[RowChange]:
        return [row for row in self.rows if row.action != Action.UNCHANGED]

    @property
    def lines(self) -> list[str]:
        return [str(row) for row in self.rows]

    def summary(self) -> str:
        counts = {"created": self.created, "updated": self.updated, "unchanged": self.unchanged}
        if self.dry_run:
            return (
                _(
                    "Dry run: %(created)d would be created, %(updated)d updated, %(unchanged)d unchanged; "
                    "nothing was written."
                )
                % counts
            )
        return _("%(created)d created, %(updated)d updated, %(unchanged)d unchanged.") % counts


@dataclass(frozen=True)
class Column:
    """A column an importer reads, found by its name or an alias, ignoring case, spaces and punctuation."""

    name: str
    aliases: tuple[str, ...] = ()
    required: bool = True

    @property
    def keys(self) -> set[str]:
        return {cells.name_key(spelling) for spelling in (self.name, *self.aliases)}


class RowReader:
    """Reads one data row's cells by column name; every bad cell adds a RowError instead of raising."""

    def __init__(self, row_number: int, values: dict[str, object], errors: list[RowError]) -> None:
        self.row = row_number
        self.values = values
        self.errors = errors
        self.error_count = len(errors)

    @property
    def valid(self) -> bool:
        return len(self.errors) == self.error_count

    def fail(self, column: str | None, message: str, raw: object = None) -> None:
        self.errors.append(RowError(self.row, column, message, cells.text(raw)[:200]))

    def get(
        self,
        column: str,
        convert: Callable[[object], T],
        *,
        required: bool = False,
        max_length: int | None = None,
    ) -> T | None:
        raw = self.values.get(column)
        if required and not cells.text(raw):
            self.fail(column, _("This cell must not be empty."))
            return None
        try:
            value = convert(raw)
        except ValueError as exc:
            self.fail(column, str(exc), raw)
            return None
        if max_length is not None and isinstance(value, str) and len(value) > max_length:
            self.fail(column, _("At most %(max)d characters.") % {"max": max_length}, raw)
            return None
        return value


class ClusterIndex:
    """Clusters found the way every importer matches them: by normalised name or by slug."""

    def __init__(self, clusters: Iterable[Cluster]) -> None:
        clusters = list(clusters)
        self.by_name = {cells.name_key(cluster.name): cluster for cluster in clusters}
        self.by_slug = {cluster.slug: cluster for cluster in clusters}

    def find(self, written: str) -> Cluster | None:
        return self.by_name.get(cells.name_key(written)) or self.by_slug.get(cells.slug(written))


def max_length(model: type[models.Model], field_name: str) -> int:
    return model._meta.get_field(field_name).max_length


def assign(instance: models.Model, values: dict[str, object], labels: dict[str, str]) -> list[FieldChange]:
    """Set the values that differ on the instance and describe each change; blank values never erase."""
    changes = []
    for field_name, new in values.items():
        if new in (None, ""):
            continue
        old = getattr(instance, field_name)
        if old != new:
            shown_old = old if instance.pk else None  # a new row's defaults are no "old" value
            changes.append(FieldChange(labels.get(field_name, field_name), shown_old, new))
            setattr(instance, field_name, new)
    return changes


@contextmanager
def one_transaction() -> Iterator[None]:
    """Write everything or nothing; should the database still refuse (say, a change made at the same
    moment by someone else), the import fails cleanly instead of crashing."""
    try:
        with transaction.atomic():
            yield
    except DatabaseError as exc:
        message = _("The database refused the import, so nothing was written; please try again.")
        raise file_error(message) from exc


def save_with_history(
    model: type[models.Model],
    created: list[models.Model],
    updated: list[models.Model],
    fields: list[str],
    *,
    user: models.Model | None,
    reason: str,
) -> None:
    """Write new and changed rows in batches, each with its historical record."""
    now = timezone.now()
    history = {
        "batch_size": BATCH_SIZE,
        "default_user": user,
        "default_change_reason": reason,
        "default_date": now,
    }
    if created:
        bulk_create_with_history(created, model, **history)
    if updated:
        for instance in updated:
            instance.updated_at = now
        bulk_update_with_history(updated, model, [*fields, "updated_at"], **history)
