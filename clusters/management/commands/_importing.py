"""Output shared by the import commands: what was read, one line per row, a summary, errors to stderr."""

from typing import NoReturn

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from clusters.importers import ImportFailed, ImportReport


def add_sheet_argument(parser) -> None:
    parser.add_argument(
        "--sheet", help="the worksheet of an .xlsx to read; default: the active one if visible"
    )


def print_report(command: BaseCommand, report: ImportReport) -> None:
    for note in report.notes:
        command.stdout.write(note)
    for line in report.lines:
        command.stdout.write(line)
    command.stdout.write(command.style.SUCCESS(report.summary()))


def raise_failure(command: BaseCommand, failure: ImportFailed) -> NoReturn:
    for error in failure.errors:
        command.stderr.write(str(error))
    raise CommandError(
        _("Nothing was imported: %(count)d problem(s) found.") % {"count": len(failure.errors)}
    )
