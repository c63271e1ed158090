from django.core.management.base import BaseCommand

from clusters.importers import ImportFailed, import_contacts

from ._importing import add_sheet_argument, print_report, raise_failure


class Command(BaseCommand):
    help = "Import contact persons of clusters, companies and the network from a spreadsheet."

    def add_arguments(self, parser):
        parser.add_argument("file", help=".xlsx, .csv or .tsv file")
        parser.add_argument("--dry-run", action="store_true", help="show what would change, write nothing")
        add_sheet_argument(parser)

    def handle(self, *args, file: str, dry_run: bool, sheet: str | None, **options):
        try:
            report = import_contacts(file, dry_run=dry_run, sheet=sheet)
        except ImportFailed as failure:
            raise_failure(self, failure)
        print_report(self, report)
