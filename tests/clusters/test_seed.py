"""load_seed fills an empty database with the presentation's content, and a second run changes nothing."""

import datetime
import io
from decimal import Decimal

import pytest
from django.apps import apps
from django.core.management import call_command

from clusters.models import Cluster, Contact, Network, NetworkFigures, Sector, YearlyFigures
from programmes.models import Programme, Project

pytestmark = pytest.mark.django_db


def row_counts() -> dict[str, int]:
    """Rows in every table of our apps, history tables included."""
    return {
        model._meta.label: model._default_manager.count()
        for app in ("clusters", "programmes", "reports")
        for model in apps.get_app_config(app).get_models()
    }


@pytest.fixture
def seeded():
    call_command("load_seed", stdout=io.StringIO())


def test_seed_loads_the_presentation(seeded):
    assert Cluster.objects.count() == 14
    assert Cluster.objects.lcn_members().count() == 14
    assert YearlyFigures.objects.approved().filter(year=2017).count() == 14
    food = Cluster.objects.get(name="Food Product Quality Cluster")
    assert food.sectors.get().slug == "agro-food"
    assert food.figures.get(year=2017).members == 68
    assert (
        Sector.objects.filter(kind=Sector.Kind.CROSS_SECTOR, slug__in=["smart-city", "cleantech"]).count()
        == 2
    )

    network = Network.objects.get()
    assert network.founded_on == datetime.date(2019, 7, 1)
    assert network.clusterization_since == 2012
    figures = NetworkFigures.objects.get(year=2018)
    assert (figures.clusters_in_latvia, figures.member_clusters, figures.members) == (16, 14, 580)
    assert (figures.turnover_eur, figures.export_eur, figures.consultation_hours) == (
        1_762_000_000,
        610_000_000,
        28_711,
    )
    assert (figures.export_growth_latvia_pct, figures.export_growth_clusters_pct) == (Decimal(7), Decimal(13))

    assert set(Programme.objects.values_list("slug", flat=True)) == {
        "national-cluster-programme",
        "competence-centers-programme",
    }
    project = Project.objects.get()
    assert (project.erdf_funding_eur, project.private_funding_eur) == (
        Decimal("2990156.29"),
        Decimal("1907864.45"),
    )
    assert (project.starts_on, project.ends_on) == (datetime.date(2016, 9, 1), datetime.date(2018, 12, 31))
    assert {i.name: int(i.achieved_value) for i in project.indicators.all()} == {
        "Supported projects": 30,
        "Supported enterprises": 30,
        "Developed new technologies": 23,
        "Developed new products": 182,
    }

    chair = Contact.objects.get()
    assert (chair.full_name, chair.organisation, chair.role) == (
        "Armands Lejas-Krūmiņš",
        Contact.Organisation.NETWORK,
        Contact.Role.CHAIRPERSON,
    )
    assert str(chair.phone) == "+37129236363"
    assert not chair.person.consents.exists()  # the presentation is no evidence of consent
    assert not Contact.objects.public().exists()


def test_running_the_seed_twice_changes_nothing(seeded):
    before = row_counts()
    assert before["clusters.HistoricalCluster"] > 0
    call_command("load_seed", stdout=io.StringIO())
    assert row_counts() == before


def test_seed_leaves_staff_edits_alone(seeded):
    cluster = Cluster.objects.get(name="Latvian IT Cluster")
    cluster.sectors.clear()
    cluster.lcn_member = False
    cluster.save()
    Programme.objects.filter(slug="national-cluster-programme").update(aim="Edited by staff")
    call_command("load_seed", stdout=io.StringIO())
    cluster.refresh_from_db()
    assert not cluster.lcn_member
    assert not cluster.sectors.exists()
    assert Programme.objects.get(slug="national-cluster-programme").aim == "Edited by staff"
