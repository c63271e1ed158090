import datetime

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from reports import notifications
from reports.rounds import reminders_send


class Command(BaseCommand):
    help = (
        "Remind the managers of clusters that have not submitted their figures for an open reporting "
        "round, on the days around the deadline set in REPORTING_REMINDER_DAYS. Safe to run daily: a "
        "cluster gets each reminder once."
    )

    def add_arguments(self, parser):
        parser.add_argument("--today", help="Run as if today were this date (YYYY-MM-DD).")

    def handle(self, *args, today=None, **options):
        try:
            day = datetime.date.fromisoformat(today) if today else timezone.localdate()
        except ValueError as exc:
            raise CommandError(f"--today must be a date like 2026-03-31, not {today!r}.") from exc
        reminded = reminders_send(
            today=day, steps=settings.REPORTING_REMINDER_DAYS, base_url=notifications.site_url()
        )
        self.stdout.write(f"Clusters reminded: {reminded}.")
