"""A small public directory for the page tests: n clusters with everything their pages show."""

from clusters.models import Cluster, Company, YearlyFigures
from tests.factories import (
    ClusterFactory,
    CompanyFactory,
    ContactFactory,
    MembershipFactory,
    ProgrammeFactory,
    ProjectFactory,
    SectorFactory,
    YearlyFiguresFactory,
)


def build_directory(n: int) -> list[Cluster]:
    """n public clusters, each with two sectors, two approved years and a draft one, a member company,
    a public and a private contact, and a project in one shared programme."""
    timber = SectorFactory(name="Timber", slug="timber")
    programme = ProgrammeFactory(name="Cluster programme", slug="cluster-programme")
    clusters = []
    for index in range(n):
        cluster = ClusterFactory(sectors=[timber, SectorFactory()])
        YearlyFiguresFactory(cluster=cluster, year=2016, members=20 + index)
        YearlyFiguresFactory(
            cluster=cluster, year=2017, members=30 + index, turnover_eur=1_000_000 * (index + 1)
        )
        YearlyFiguresFactory(cluster=cluster, year=2018, members=999, status=YearlyFigures.Status.DRAFT)
        company = CompanyFactory(sector=timber, category=Company.Category.SME)
        MembershipFactory(cluster=cluster, company=company)
        ContactFactory(cluster=cluster, is_public=True, last_name=f"Public{index}")
        ContactFactory(cluster=cluster, is_public=False, last_name=f"Private{index}")
        ProjectFactory(programme=programme).clusters.add(cluster)
        clusters.append(cluster)
    return clusters
