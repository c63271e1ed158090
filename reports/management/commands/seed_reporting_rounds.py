from django.core.management.base import BaseCommand

from reports.seed import seed_published_rounds


class Command(BaseCommand):
    help = "Record the given years' approved figures as published reporting rounds (no e-mails). Safe to run again."

    def add_arguments(self, parser):
        parser.add_argument("years", nargs="+", type=int)

    def handle(self, *args, years, **options):
        created = seed_published_rounds(years)
        self.stdout.write(f"Published reporting rounds created: {created}.")
