"""A round's world: member clusters with managers, and last year's approved figures to grow from."""

import datetime

import pytest
from django.utils import timezone

from tests.factories import ClusterFactory, UserFactory, YearlyFiguresFactory

YEAR = timezone.localdate().year - 1


@pytest.fixture
def managed_clusters(db):
    """Three LCN member clusters, each with one manager and approved figures for the year before."""
    clusters = []
    for name in ["Alpha Cluster", "Beta Cluster", "Gamma Cluster"]:
        cluster = ClusterFactory(name=name)
        cluster.managers.add(UserFactory(email=f"manager@{cluster.slug}.example.lv"))
        YearlyFiguresFactory(
            cluster=cluster, year=YEAR - 1, members=20, turnover_eur=100_000_000, export_eur=40_000_000
        )
        clusters.append(cluster)
    return clusters


def deadline_in(days: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=days)
