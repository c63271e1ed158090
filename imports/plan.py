"""The one plan every importer follows: read the rows through the columns, let the importer match each
row to its records and diff them, collect every error, then write everything in one transaction with
history, or nothing.

An importer (a subclass of ``Importer``) declares its ``columns`` and implements ``plan_rows``; the
engine knows no model of the project.
"""

from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from django.contrib.auth.models import AbstractBaseUser
from django.db import DatabaseError, models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from core.signals import announce_rows_written_in_bulk

from . import cells, progress
from .changes import assign_changes
from .columns import CellError, Column, NumberColumn, ReadContext
from .files import Formula, Spreadsheet, Table, open_source, read_table
from .report import (
    Action,
    FieldChange,
    ImportFailed,
    ImportReport,
    RowChange,
    RowError,
    file_error,
    warnings_note,
)

BATCH_SIZE = 2000
NOTE_LIMIT = 10


class Row:
    """One data row's clean values by column name; a cell the importer refuses later is failed here."""

    __slots__ = ("errors", "number", "raw", "values")

    def __init__(self, number: int, raw: dict[str, object], errors: list[RowError]) -> None:
        self.number = number
        self.raw = raw
        self.values: dict[str, object] = {}
        self.errors = errors

    def __getitem__(self, column: str) -> object:
        return self.values.get(column)

    def fail(self, column: str | None, message: str, raw: object = None) -> None:
        shown = self.raw.get(column) if raw is None and column else raw
        if isinstance(shown, Formula):
            shown = shown.formula
        self.errors.append(RowError(self.number, column, message, cells.text(shown)[:200]))

    def fields(self, columns: Sequence[Column]) -> dict[str, object]:
        """The values of the columns that fill a field, by field name; blank cells left out."""
        return {
            column.field: self.values[column.name]
            for column in columns
            if column.field and self.values.get(column.name) not in (None, "")
        }


def decide_decimal_mark(table: Table, columns: Sequence[Column]) -> str | None:
    """The file's decimal mark, decided once: "," in a ;-separated file (Excel's choice where the comma
    is the decimal mark), else the one the numbers themselves show when they all agree, else None."""
    if table.delimiter == ";":
        return ","
    numeric = [column.name for column in columns if isinstance(column, NumberColumn)]
    shown = {
        cells.decimal_mark_of(raw)
        for _number, values in table.rows
        for name in numeric
        if isinstance(raw := values.get(name), str)
    }
    shown.discard(None)
    return shown.pop() if len(shown) == 1 else None


def read_rows(
    table: Table, columns: Sequence[Column], errors: list[RowError]
) -> tuple[list[Row], ReadContext]:
    """Every data row through its columns; a refused cell adds a RowError naming row and column."""
    context = ReadContext(decimal_mark=decide_decimal_mark(table, columns))
    present = [column for column in columns if column.name in table.columns]
    rows = []
    for number, raw in table.rows:
        row = Row(number, raw, errors)
        for column in present:
            try:
                row.values[column.name] = column.read(raw.get(column.name), number, context)
            except CellError as exc:
                row.fail(column.name, str(exc))
        rows.append(row)
    return rows, context


@dataclass
class _Writes:
    created: dict[int, models.Model] = field(default_factory=dict)
    updated: dict[int, models.Model] = field(default_factory=dict)
    fields: set[str] = field(default_factory=set)


class Plan:
    """What the import will write, and the report line of every row; errors refuse the whole file."""

    def __init__(
        self,
        models_in_order: Sequence[type[models.Model]] = (),
        *,
        observer: "progress.ImportProgress | None" = None,
        rows: int = 0,
    ) -> None:
        """``models_in_order``: the order of writing, those referred to first; ``observer`` is told of
        each of the ``rows`` planned."""
        self.observer, self.rows = observer, rows
        self.errors: list[RowError] = []
        self.changes: list[RowChange] = []
        self._writes: dict[type[models.Model], _Writes] = {model: _Writes() for model in models_in_order}
        self._facts: dict[tuple, tuple[str, dict]] = {}

    def fail(self, row: int, column: str | None, message: str, value: object = "") -> None:
        self.errors.append(RowError(row, column, message, cells.text(value)[:200]))

    def diff(
        self,
        instance: models.Model,
        values: Mapping[str, object],
        *,
        is_new: bool,
        labels: Mapping[str, str] | None = None,
    ) -> list[FieldChange]:
        """Set the values on the instance, plan its write and describe each change as the preview shows it:
        the field's verbose name and, for a field with choices, the labels, not the codes."""
        changed = assign_changes(instance, values)
        self.save(instance, is_new=is_new, fields=changed)
        if not changed:
            return []
        labels = labels or {}
        return [
            FieldChange(
                labels.get(name) or self._label(type(instance), name),
                None if is_new else self._shown(type(instance), name, old),
                self._shown(type(instance), name, new),
            )
            for name, (old, new) in changed.items()
        ]

    def _field_facts(self, model: type[models.Model], name: str) -> tuple[str, dict]:
        key = (model, name)
        if key not in self._facts:
            model_field = model._meta.get_field(name)
            self._facts[key] = (str(model_field.verbose_name), dict(model_field.flatchoices or ()))
        return self._facts[key]

    def _label(self, model: type[models.Model], name: str) -> str:
        return self._field_facts(model, name)[0]

    def _shown(self, model: type[models.Model], name: str, value: object) -> object:
        """A choice's label instead of its code."""
        choices = self._field_facts(model, name)[1]
        if choices and value not in (None, ""):
            return str(choices.get(value, value))
        return value

    def save(self, instance: models.Model, *, is_new: bool, fields: Sequence[str] | Mapping = ()) -> None:
        writes = self._writes.setdefault(type(instance), _Writes())
        if is_new:
            writes.created[id(instance)] = instance
        elif fields:
            writes.updated[id(instance)] = instance
            writes.fields.update(fields)

    def add(self, row: int, label: str, action: Action, changes: list[FieldChange]) -> None:
        self.changes.append(RowChange(row, label, action, changes))
        if self.observer is not None:
            self.observer.rows_compared(len(self.changes), max(self.rows, len(self.changes)))

    def warn(self, row: int, warnings: Sequence[object]) -> None:
        """Add warnings to the report line of ``row`` (added before): shown, never a refusal."""
        change = next(change for change in reversed(self.changes) if change.row == row)
        change.warnings.extend(str(warning) for warning in warnings)

    def write(self, *, user: AbstractBaseUser | None, reason: str) -> None:
        with one_transaction():
            for model, writes in self._writes.items():
                save_with_history(
                    model,
                    created=list(writes.created.values()),
                    updated=list(writes.updated.values()),
                    fields=sorted(writes.fields),
                    user=user,
                    reason=reason,
                )


class Importer:
    """Reads a file through ``columns`` and plans its rows; ``run`` does the rest for every importer."""

    columns: tuple[Column, ...] = ()
    write_order: "tuple[type[models.Model], ...]" = ()  # the models written, those referred to first

    def header_columns(self) -> Sequence[Column]:
        return self.columns

    def start(self, table: Table) -> None:
        """Prepare what every row needs (lookups, the year of a title row); may raise ImportFailed."""

    def check_row(self, row: Row) -> None:
        """Checks that need more than one cell or the database; call ``row.fail`` for each problem."""

    def plan_rows(self, rows: list[Row], plan: Plan) -> None:
        raise NotImplementedError

    def after_write(self, *, user: AbstractBaseUser | None, source: str) -> None:
        """Writes that need the rows just written (in the same transaction); `source` is the file name."""

    def report(self, changes: list[RowChange], *, dry_run: bool) -> ImportReport:
        return ImportReport(changes, dry_run=dry_run)

    def run(
        self,
        source: Spreadsheet | Path | str,
        *,
        dry_run: bool = False,
        user: AbstractBaseUser | None = None,
        sheet: str | None = None,
    ) -> ImportReport:
        """Import the file, all rows or none; raises ImportFailed listing every problem by row and column."""
        spreadsheet = open_source(source)
        # What the file is and who imports it, for importers that record where their values came from.
        self.source_name, self.user = spreadsheet.name, user
        columns = self.header_columns()
        table = read_table(spreadsheet, columns, sheet=sheet)
        self.start(table)
        errors: list[RowError] = []
        observer = progress.current.get()
        rows, context = read_rows(table, columns, errors)
        for done, row in enumerate(rows, 1):
            self.check_row(row)
            if observer is not None:
                observer.rows_checked(done, len(rows))
        if errors:
            raise ImportFailed(_in_order(errors, columns))
        passed = [row for row in rows if not _failed(row, errors)]
        plan = Plan(self.write_order, observer=observer, rows=len(passed))
        self.plan_rows(passed, plan)
        if plan.errors:
            raise ImportFailed(_in_order(plan.errors, columns))
        report = self.report(plan.changes, dry_run=dry_run)
        report.notes = [*notes_on(table, context, report), *report.notes]
        if not dry_run:
            if observer is not None:
                observer.writing(len(rows))
            with one_transaction():
                plan.write(user=user, reason=_("Imported from %(file)s") % {"file": spreadsheet.name[:60]})
                self.after_write(user=user, source=spreadsheet.name)
                if observer is not None:
                    observer.written(report)
        return report


def _failed(row: Row, errors: list[RowError]) -> bool:
    return any(error.row == row.number for error in errors)


def _in_order(errors: list[RowError], columns: Sequence[Column]) -> list[RowError]:
    order = {column.name: index for index, column in enumerate(columns)}
    return sorted(errors, key=lambda error: (error.row or 0, order.get(error.column or "", -1)))


def notes_on(table: Table, context: ReadContext, report: ImportReport) -> Iterator[str]:
    """What the reader decided that staff should see before they confirm."""
    if table.sheet is not None:
        yield _("Sheet read: “%(sheet)s”.") % {"sheet": table.sheet}
    if table.ignored:
        yield _("Ignored columns: %(columns)s.") % {"columns": ", ".join(table.ignored)}
    if warned := len(report.warned_rows):
        yield warnings_note(warned)
    if context.saved_formula_values:
        cells_used = [
            _("row %(row)d “%(column)s”") % {"row": row, "column": column}
            for row, column in context.saved_formula_values[:NOTE_LIMIT]
        ]
        more = len(context.saved_formula_values) - NOTE_LIMIT
        if more > 0:
            cells_used.append(_("%(count)d more") % {"count": more})
        yield _("Formula cells: the values saved in the file were used (%(cells)s).") % {
            "cells": ", ".join(cells_used)
        }


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
    user: AbstractBaseUser | None,
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
        stamped = [field.name for field in model._meta.concrete_fields if getattr(field, "auto_now", False)]
        for instance in updated:
            for name in stamped:
                setattr(instance, name, now)
        bulk_update_with_history(updated, model, [*fields, *stamped], **history)
    if created or updated:
        # Bulk writes send no post_save: say so, for what follows the data (the public page cache).
        announce_rows_written_in_bulk(model)
