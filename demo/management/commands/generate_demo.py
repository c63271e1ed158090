"""Fill a scratch database with a synthetic directory for load tests, or remove it again."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from demo import generate as demo


class Command(BaseCommand):
    help = (
        "Generate a synthetic directory (clusters and companies marked as demo data) for load tests, "
        "or delete it with --delete. Refuses a database that holds real clusters or companies."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--database-name",
            required=True,
            help="Name of the configured database, repeated as a safeguard against writing to the wrong one.",
        )
        parser.add_argument("--clusters", type=int, default=50)
        parser.add_argument("--companies", type=int, default=2000)
        parser.add_argument("--seed", type=int, default=2018, help="Random seed, for repeatable data.")
        parser.add_argument("--delete", action="store_true", help="Delete the demo rows and nothing else.")

    def handle(self, *args, database_name, clusters, companies, seed, delete, **options):
        configured = str(connection.settings_dict["NAME"])
        if database_name not in {configured, Path(configured).name, Path(configured).stem}:
            raise CommandError(
                f"--database-name {database_name!r} is not the configured database {configured!r}."
            )
        if delete:
            self.stdout.write(f"Deleted {demo.demo_delete()} demo rows.")
            return
        if clusters < 1 or companies < 0:
            raise CommandError("Give at least one cluster and no negative number of companies.")
        try:
            size = demo.demo_generate(clusters=clusters, companies=companies, seed=seed)
        except demo.DemoDataRefused as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            self.style.SUCCESS(
                f"Generated {size.clusters} demo clusters, {size.companies} companies "
                f"and {size.memberships} memberships in {configured}."
            )
        )
