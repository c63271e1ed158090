"""Columns, each declared once: its header and the other headers it goes by, how a cell is cleaned and
which field it fills. Modelled on pretix's ``ImportColumn``.

``Column.read`` is where every cell of every importer passes: a formula cell gives the value the
spreadsheet program saved with it (the report says so) or is refused; a spreadsheet error value such as
``#N/A`` is refused; then the column's own cleaning runs and may refuse the cell with a message.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cached_property

from django.utils.translation import gettext as _

from . import cells
from .files import Formula


class CellError(ValueError):
    """A cell this column cannot use; the message is for the person who prepared the spreadsheet."""


@dataclass
class ReadContext:
    """What is decided once per file and shared by every cell: the decimal mark; what was noticed."""

    decimal_mark: str | None = None
    saved_formula_values: list[tuple[int, str]] = field(default_factory=list)


@dataclass(frozen=True, kw_only=True)
class Column:
    """A column an importer reads, found by its name or an alias, ignoring case, spaces and punctuation.

    ``field``: the model field the value goes to (None when the importer uses the value otherwise);
    ``required``: the header row must have the column; ``not_empty``: every data row must fill it;
    ``parse``: turns the raw cell into the value or raises ValueError with a message.
    """

    name: str
    field: str | None = None
    aliases: tuple[str, ...] = ()
    required: bool = False
    not_empty: bool = False
    max_length: int | None = None
    parse: Callable[[object], object] = cells.text

    @cached_property
    def keys(self) -> set[str]:
        return {cells.name_key(spelling) for spelling in (self.name, *self.aliases)}

    @cached_property
    def exact_key(self) -> str:
        return cells.name_key(self.name)

    def read(self, raw: object, row: int, context: ReadContext) -> object:
        """The clean value of one cell; raises CellError."""
        if isinstance(raw, Formula):
            if not raw.computed:
                raise CellError(
                    _("This is a formula and the file holds no value for it; copy and paste it as values.")
                )
            context.saved_formula_values.append((row, self.name))
            raw = raw.value
        if type(raw) is str and "#" in raw and cells.is_error_value(raw):
            raise CellError(_("This is a spreadsheet error value, not data; correct the cell."))
        if self.not_empty and not cells.text(raw):
            raise CellError(_("This cell must not be empty."))
        try:
            value = self.clean(raw, context)
        except ValueError as exc:
            raise CellError(str(exc)) from exc
        if self.max_length is not None and isinstance(value, str) and len(value) > self.max_length:
            raise CellError(_("At most %(max)d characters.") % {"max": self.max_length})
        return value

    def clean(self, raw: object, context: ReadContext) -> object:
        return self.parse(raw)

    def export(self, value: object) -> object:
        """The value as an export writes it in this column, so that the import reads it back the same."""
        if value is None:
            return ""
        return str(value) if not isinstance(value, int | str) else value


@dataclass(frozen=True, kw_only=True)
class NumberColumn(Column):
    """A non-negative whole number; separators are read with the file's decimal mark."""

    maximum: int = cells.BIGINT_MAX

    def clean(self, raw: object, context: ReadContext) -> int | None:
        if not cells.text(raw):
            return None
        return cells.whole_number(raw, self.maximum, context.decimal_mark)


@dataclass(frozen=True, kw_only=True)
class ChoiceColumn(Column):
    """One of ``choices``, given by its code or its label in any language of the site."""

    choices: Sequence[tuple[str, object]] = ()

    @cached_property
    def choice_keys(self) -> dict[str, str]:
        return cells.choice_keys(list(self.choices))

    def clean(self, raw: object, context: ReadContext) -> str:
        return cells.choice(raw, list(self.choices), self.choice_keys) if cells.text(raw) else ""

    def export(self, value: object) -> object:
        return str(dict(self.choices).get(value, value or ""))


@dataclass(frozen=True, kw_only=True)
class YesNoColumn(Column):
    """Yes or no in English or Latvian (yes, jā, true, 1, x); an empty cell gives None."""

    def clean(self, raw: object, context: ReadContext) -> bool | None:
        return cells.yes_no(raw) if cells.text(raw) else None

    def export(self, value: object) -> object:
        return _("yes") if value else _("no")


@dataclass(frozen=True, kw_only=True)
class DateColumn(Column):
    parse: Callable[[object], object] = cells.date

    def export(self, value: object) -> object:
        return value.isoformat() if value else ""
