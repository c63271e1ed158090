"""generate_demo: a synthetic directory that is marked as such and never mixed into real data."""

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from clusters.models import Cluster, Company, Membership, Sector, YearlyFigures
from programmes.models import Project
from tests.factories import ClusterFactory, ProjectFactory

pytestmark = pytest.mark.django_db


def generate(**options):
    call_command("generate_demo", database_name=connection.settings_dict["NAME"], **options)


def test_generates_the_requested_numbers_all_marked_demo():
    generate(clusters=12, companies=30)
    assert Cluster.objects.filter(is_demo=True).count() == 12
    assert Company.objects.filter(is_demo=True).count() == 30
    assert not Cluster.objects.filter(is_demo=False).exists()
    assert all(name.endswith("(demo)") for name in Cluster.objects.values_list("name", flat=True))
    assert all(name.endswith("(demo)") for name in Company.objects.values_list("name", flat=True))
    assert Membership.objects.current().count() >= 30
    assert YearlyFigures.objects.approved().count() >= 12


def test_generating_again_replaces_the_demo_rows():
    generate(clusters=5, companies=10)
    generate(clusters=3, companies=4)
    assert (Cluster.objects.count(), Company.objects.count()) == (3, 4)


def test_writes_no_history_rows():
    generate(clusters=3, companies=10)
    assert not Cluster.history.exists()
    assert not Company.history.exists()


def test_refuses_a_database_with_real_clusters():
    ClusterFactory(name="Real cluster")
    with pytest.raises(CommandError, match="real clusters"):
        generate(clusters=3, companies=3)
    assert Cluster.objects.count() == 1


def test_refuses_a_database_other_than_the_one_named():
    with pytest.raises(CommandError, match="not the configured database"):
        call_command("generate_demo", database_name="production", clusters=1, companies=1)
    assert not Cluster.objects.exists()


def test_delete_removes_demo_rows_and_their_links_but_nothing_real():
    generate(clusters=4, companies=10)
    demo_cluster = Cluster.objects.first()
    project = ProjectFactory()
    project.clusters.add(demo_cluster)
    call_command("generate_demo", database_name=connection.settings_dict["NAME"], delete=True)
    assert not Cluster.objects.exists()
    assert not Company.objects.exists()
    assert not Membership.objects.exists()
    assert not Sector.objects.filter(slug__startswith="demo-").exists()
    assert Project.objects.get() == project
    assert not project.clusters.exists()
    assert not Cluster.history.exists()


def test_demo_clusters_are_labelled_on_their_profile(client):
    generate(clusters=1, companies=2)
    cluster = Cluster.objects.get()
    content = client.get(cluster.get_absolute_url()).content.decode()
    assert "(demo)" in content
    assert "demo data" in content
