import datetime

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from clusters import seed
from clusters.importers import ImportFailed, import_clusters
from programmes.seed import seed_programmes


class Command(BaseCommand):
    help = (
        "Fill the database with the network's presentation: sectors, the network and its figures, the "
        "14 clusters with their 2017 figures, the funding programmes and the chairperson. Safe to run again."
    )

    def handle(self, *args, **options):
        data = seed.read_seed()
        network_data = data["network"]
        try:
            with transaction.atomic():
                sectors = seed.seed_sectors(data["sectors"])
                network = seed.seed_network(network_data)
                figures = seed.seed_network_figures(data["network_figures"])
                report = import_clusters(
                    seed.SEED_DIR / data["cluster_figures_file"], year=data["cluster_figures_year"]
                )
                joined_on = network.founded_on or datetime.date.fromisoformat(network_data["founded_on"])
                profiles = seed.seed_cluster_profiles(data["clusters"], joined_on=joined_on)
                contacts = seed.seed_contacts(data["contacts"])
                programmes = seed_programmes()
                # The seed's figures are the network's published report: a published round (by command
                # name, since the reports app sits above this one).
                call_command("seed_reporting_rounds", data["cluster_figures_year"], stdout=self.stdout)
        except ImportFailed as exc:
            raise CommandError("\n".join(str(error) for error in exc.errors)) from exc
        self.stdout.write(
            f"Sectors created: {sectors}. Network figures created: {figures}. "
            f"Clusters: {report.summary()} Cluster profiles completed: {profiles}. "
            f"Contacts created: {contacts}. Programmes created: {programmes}."
        )
