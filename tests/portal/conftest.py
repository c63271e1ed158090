"""Two clusters, each with a manager and one of everything the portal edits."""

from dataclasses import dataclass

import pytest
from django.utils import timezone

from clusters.models import Cluster, Contact, Membership, YearlyFigures
from tests.factories import (
    ClusterFactory,
    CompanyFactory,
    ContactFactory,
    MembershipFactory,
    UserFactory,
    YearlyFiguresFactory,
)

LAST_YEAR = timezone.localdate().year - 1


@dataclass
class ClusterWorld:
    """A managed cluster and one row of each kind the portal works on."""

    cluster: Cluster
    manager: object
    membership: Membership
    contact: Contact
    approved: YearlyFigures
    rejected: YearlyFigures


def make_world(name: str) -> ClusterWorld:
    cluster = ClusterFactory(name=name)
    manager = UserFactory(email=f"manager@{cluster.slug}.example.lv")
    cluster.managers.add(manager)
    return ClusterWorld(
        cluster=cluster,
        manager=manager,
        membership=MembershipFactory(cluster=cluster),
        contact=ContactFactory(cluster=cluster),
        approved=YearlyFiguresFactory(cluster=cluster, year=2017),
        rejected=YearlyFiguresFactory(
            cluster=cluster,
            year=LAST_YEAR,
            status=YearlyFigures.Status.REJECTED,
            review_note="Export > turnover?",
        ),
    )


@pytest.fixture
def ours(db) -> ClusterWorld:
    return make_world("Latvian IT Cluster")


@pytest.fixture
def theirs(db) -> ClusterWorld:
    return make_world("Wood Cluster")


@pytest.fixture
def free_company(db):
    """A company in the directory that is not a member of any cluster yet."""
    return CompanyFactory(name="Baltic Timber SIA")
