from django.core.management.base import BaseCommand

from imports.exports import purge_expired


class Command(BaseCommand):
    help = (
        "Delete exports built in the background (and their files) once they are a day old (EXPORT_LIFETIME)."
    )

    def handle(self, *args, **options):
        deleted = purge_expired()
        self.stdout.write(f"{deleted} expired export(s) deleted.")
