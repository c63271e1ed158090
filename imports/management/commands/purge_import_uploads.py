from django.core.management.base import BaseCommand

from imports.jobs import fail_stalled, purge_ended
from imports.uploads import purge_expired


class Command(BaseCommand):
    help = (
        "Delete uploaded spreadsheets whose import was neither confirmed nor cancelled within the hour, and "
        "mark failed the confirmed imports whose worker stopped (no progress for IMPORT_JOB_STALL_SECONDS), "
        "and delete import jobs that ended more than IMPORT_JOB_LIFETIME_DAYS ago."
    )

    def handle(self, *args, **options):
        deleted = purge_expired()
        self.stdout.write(f"{deleted} expired upload(s) deleted.")
        stalled = fail_stalled()
        if stalled:
            self.stdout.write(f"{stalled} stalled import(s) marked failed.")
        ended = purge_ended()
        if ended:
            self.stdout.write(f"{ended} finished import job(s) deleted.")
