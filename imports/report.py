"""What an import reports: errors placed by spreadsheet row and column, and one line per data row."""

from dataclasses import dataclass, field
from enum import StrEnum

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext


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
    """One changed field as the preview shows it: its label, and old and new values as displayed."""

    field: str
    old: object
    new: object

    def __str__(self) -> str:
        if self.old in (None, ""):
            return f"{self.field}: {display(self.new)}"
        return f"{self.field}: {display(self.old)} → {display(self.new)}"


def display(value: object) -> str:
    if value in (None, ""):
        return "—"
    if isinstance(value, bool):
        return str(_("yes") if value else _("no"))
    if isinstance(value, int):
        return f"{value:,}".replace(",", " ")
    return str(value)


@dataclass(slots=True)
class RowChange:
    """What importing one spreadsheet row does (or, in a dry run, would do).

    ``warnings``: reasons to look twice at the row's values before confirming (say, export above
    turnover); the row is imported all the same.
    """

    row: int
    label: str
    action: Action
    changes: list[FieldChange] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        line = _("Row %(row)d: %(action)s %(label)s") % {
            "row": self.row,
            "action": self.action.label,
            "label": self.label,
        }
        if self.changes:
            line += " (" + "; ".join(str(change) for change in self.changes) + ")"
        for warning in self.warnings:
            line += " " + _("Warning: %(warning)s") % {"warning": warning}
        return line


@dataclass
class ImportReport:
    """The outcome of an import: one entry per data row, with counts by action.

    ``notes`` says what the reader decided about the file (the sheet read, the columns ignored, formula
    cells whose saved values were used), so staff can check it before they confirm.
    """

    rows: list[RowChange]
    dry_run: bool = False
    year: int | None = None
    notes: list[str] = field(default_factory=list)

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
    def warned_rows(self) -> list[RowChange]:
        return [row for row in self.rows if row.warnings]

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


def warnings_note(rows: int) -> str:
    """The note above a preview whose rows carry warnings."""
    return ngettext(
        "%(count)d row has a warning: check it before you confirm; it will be imported as it is.",
        "%(count)d rows have warnings: check them before you confirm; they will be imported as they are.",
        rows,
    ) % {"count": rows}
