import datetime

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from core.site_address import command_base_url
from reports.rounds import reminders_send


class Command(BaseCommand):
    help = (
        "Remind the managers of clusters that have not submitted their figures for an open reporting "
        "round, on the days around the deadline set in REPORTING_REMINDER_DAYS. Safe to run daily: a "
        "cluster gets each reminder once. Links in the e-mails start with --base-url, else SITE_URL."
    )

    def add_arguments(self, parser):
        parser.add_argument("--today", help="Run as if today were this date (YYYY-MM-DD).")
        parser.add_argument(
            "--base-url",
            default="",
            help="The address the site is served at, e.g. https://lcn.example/ (default: SITE_URL).",
        )

    def handle(self, *args, today=None, base_url="", **options):
        # Before anything is sent: an e-mail whose links lead nowhere cannot be taken back.
        base_url, _source = command_base_url(base_url)
        try:
            day = datetime.date.fromisoformat(today) if today else timezone.localdate()
        except ValueError as exc:
            raise CommandError(f"--today must be a date like 2026-03-31, not {today!r}.") from exc
        reminded = reminders_send(today=day, steps=settings.REPORTING_REMINDER_DAYS, base_url=base_url)
        self.stdout.write(f"Clusters reminded: {reminded}.")
