"""The statistics page: totals per year and sector, the ranking and export growth, each with a table."""

from decimal import Decimal

import pytest
from django.urls import reverse

from clusters.models import YearlyFigures
from tests.factories import ClusterFactory, NetworkFiguresFactory, SectorFactory, YearlyFiguresFactory

pytestmark = pytest.mark.django_db


def statistics(client):
    return client.get(reverse("clusters:statistics"))


def test_totals_per_year_sum_approved_figures_of_public_clusters(client):
    first, second = ClusterFactory(), ClusterFactory()
    YearlyFiguresFactory(cluster=first, year=2017, members=10, turnover_eur=100, export_eur=40)
    YearlyFiguresFactory(cluster=second, year=2017, members=5, turnover_eur=50, export_eur=20)
    YearlyFiguresFactory(cluster=second, year=2016, members=4, turnover_eur=30, export_eur=10)
    YearlyFiguresFactory(cluster=first, year=2018, members=99, status=YearlyFigures.Status.SUBMITTED)
    YearlyFiguresFactory(cluster=ClusterFactory(is_active=False), year=2017, members=1000)
    context = statistics(client).context
    totals = ("year", "clusters", "members", "turnover", "export")
    assert [tuple(row[key] for key in totals) for row in context["complete_years"]] == [
        (2017, 2, 15, 150, 60)
    ]
    assert [tuple(row[key] for key in totals) for row in context["incomplete_years"]] == [
        (2016, 1, 4, 30, 10)
    ]
    assert [(row["coverage"].reported, row["coverage"].expected) for row in context["incomplete_years"]] == [
        (1, 2)
    ]


def test_sector_totals_compare_one_year(client):
    energy = SectorFactory(name="Energy", slug="energy")
    wood = SectorFactory(name="Wood", slug="wood")
    both = ClusterFactory(sectors=[energy, wood])
    other = ClusterFactory(sectors=[wood])
    YearlyFiguresFactory(cluster=both, year=2016, members=1, turnover_eur=1, export_eur=1)
    YearlyFiguresFactory(cluster=other, year=2016, members=3, turnover_eur=30, export_eur=3)
    YearlyFiguresFactory(cluster=both, year=2017, members=10, turnover_eur=100, export_eur=50)
    context = statistics(client).context
    assert context["year"] == 2016  # the latest complete year: only one cluster reported for 2017
    rows = context["per_sector"]
    assert [(row["sector"], row["clusters"], row["members"], row["turnover"]) for row in rows] == [
        ("Wood", 2, 4, 31),
        ("Energy", 1, 1, 1),
    ]
    rows = client.get(reverse("clusters:statistics") + "?year=2017").context["per_sector"]
    assert [(row["sector"], row["clusters"], row["turnover"]) for row in rows] == [
        ("Energy", 1, 100),
        ("Wood", 1, 100),
    ]


def test_ranking_orders_clusters_by_latest_turnover(client):
    for name, turnover in [("Small", 10), ("Large", 1000), ("Medium", 100)]:
        YearlyFiguresFactory(cluster=ClusterFactory(name=name), turnover_eur=turnover)
    ClusterFactory(name="Without figures")
    ranking = statistics(client).context["ranking"]
    assert [cluster.name for cluster in ranking] == ["Large", "Medium", "Small"]


def test_export_growth_compares_the_clusters_with_latvia(client):
    NetworkFiguresFactory(
        year=2018, export_growth_latvia_pct=Decimal("7.0"), export_growth_clusters_pct=Decimal("13.0")
    )
    content = statistics(client).content.decode()
    assert "exports grew by 13.0 % a year, Latvia's by 7.0 %" in content
    assert 'aria-labelledby="growth-title growth-desc"' in content
    assert '<caption id="growth-caption">' in content


def test_every_chart_has_a_table_alternative(client):
    NetworkFiguresFactory(export_growth_latvia_pct=Decimal("7.0"), export_growth_clusters_pct=Decimal("13.0"))
    cluster = ClusterFactory(sectors=[SectorFactory()])
    YearlyFiguresFactory(cluster=cluster, year=2016)
    YearlyFiguresFactory(cluster=cluster, year=2017)
    content = statistics(client).content.decode()
    assert content.count('<svg class="chart"') == 6
    assert content.count("<table") == 5  # per year, network totals, sectors, ranking, growth
    assert content.count('<desc id="') == 6


def test_statistics_render_with_no_data_at_all(client):
    response = statistics(client)
    assert response.status_code == 200
    assert "<svg" not in response.content.decode()
