from django.conf import settings
from django.core.management.base import BaseCommand

from people.models import PersonDataEvent
from people.services import person_erase, retention_due

from ._actor import command_line_actor


class Command(BaseCommand):
    help = (
        "Anonymise people who hold no role and whose data has not changed for the retention period "
        "(PERSONAL_DATA_RETENTION_MONTHS, default 24). Run it daily, e.g. from cron."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Count them; change nothing.")
        parser.add_argument(
            "--months", type=int, default=None, help="Override the retention period for this run."
        )

    def handle(self, *args, dry_run: bool, months: int | None, **options):
        months = settings.PERSONAL_DATA_RETENTION_MONTHS if months is None else months
        due = list(retention_due(months=months))
        if dry_run:
            self.stdout.write(
                f"Dry run: {len(due)} person record(s) past {months} months would be anonymised."
            )
            return
        erased = person_erase(
            due, done_by=None, done_by_name=command_line_actor(), action=PersonDataEvent.Action.RETENTION
        )
        self.stdout.write(f"Anonymised {erased} person record(s) past {months} months.")
