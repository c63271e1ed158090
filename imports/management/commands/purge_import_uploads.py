from django.core.management.base import BaseCommand

from imports.uploads import purge_expired


class Command(BaseCommand):
    help = "Delete uploaded spreadsheets whose import was neither confirmed nor cancelled within the hour."

    def handle(self, *args, **options):
        deleted = purge_expired()
        self.stdout.write(f"{deleted} expired upload(s) deleted.")
