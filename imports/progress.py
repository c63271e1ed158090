"""How a running import tells whoever started it how far it got, without the importers passing it on.

A background import sets ``current`` around its call (``reporting_to``); ``Importer.run`` reads it. The
command line and the preview set nothing, so they report nowhere.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Protocol

from .report import ImportReport


class ImportProgress(Protocol):
    def rows_checked(self, done: int, total: int) -> None:
        """``done`` of ``total`` data rows read through their columns and checked (nothing written yet)."""

    def rows_compared(self, done: int, total: int) -> None:
        """``done`` of ``total`` rows matched to their records and compared (nothing written yet)."""

    def writing(self, total: int) -> None:
        """Every row passed; the write of ``total`` rows has begun in one transaction."""

    def written(self, report: ImportReport) -> None:
        """Called inside the import's transaction after its writes, so that what it records commits (or
        rolls back) together with the import itself."""


current: ContextVar[ImportProgress | None] = ContextVar("import_progress", default=None)


@contextmanager
def reporting_to(progress: ImportProgress) -> Iterator[None]:
    token = current.set(progress)
    try:
        yield
    finally:
        current.reset(token)
