"""Totals say how many clusters reported; incomplete years are not a trend; comparisons use one year."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from clusters import statistics
from clusters.models import ReportingYear, YearlyFigures
from tests.factories import (
    ClusterFactory,
    CompanyFactory,
    MembershipFactory,
    NetworkFiguresFactory,
    UserFactory,
    YearlyFiguresFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def network():
    """Three member clusters that reported 2016 and 2017; one of them also has approved figures for 2019."""
    clusters = [ClusterFactory(name=name) for name in ("Alpha", "Beta", "Gamma")]
    for index, cluster in enumerate(clusters):
        YearlyFiguresFactory(cluster=cluster, year=2016, members=9 + index, turnover_eur=(index + 1) * 90)
        YearlyFiguresFactory(cluster=cluster, year=2017, members=10 + index, turnover_eur=(index + 1) * 100)
    YearlyFiguresFactory(cluster=clusters[0], year=2019, members=47, turnover_eur=125)
    return clusters


def test_a_year_is_complete_when_every_member_cluster_reported(network):
    coverage = statistics.year_coverage()
    assert [(c.year, c.reported, c.expected, c.complete) for c in coverage.values()] == [
        (2016, 3, 3, True),
        (2017, 3, 3, True),
        (2019, 1, 3, False),
    ]
    assert statistics.latest_complete_year(coverage) == 2017


def test_staff_can_close_a_year_and_clusters_founded_later_are_not_expected(network):
    ReportingYear.objects.create(year=2019, closed=True)
    ClusterFactory(name="Young", founded_year=2020)
    coverage = statistics.year_coverage()
    assert coverage[2019].complete and coverage[2019].closed
    assert coverage[2017].expected == 3
    non_member = ClusterFactory(lcn_member=False)
    YearlyFiguresFactory(cluster=non_member, year=2017)
    assert statistics.year_coverage()[2017].reported == 3


def test_a_new_year_of_one_cluster_is_shown_apart_not_as_a_collapse(client, network):
    response = client.get(reverse("clusters:statistics"))
    context = response.context
    assert [row["year"] for row in context["complete_years"]] == [2016, 2017]
    assert [row["year"] for row in context["incomplete_years"]] == [2019]
    text = response.content.decode()
    assert "Incomplete years" in text
    assert "1 of 3" in text
    trend = context["charts"]["members"]
    assert ">2016</text>" in trend and ">2017</text>" in trend and "2019" not in trend


def test_the_ranking_compares_one_year_and_says_which(client, network):
    response = client.get(reverse("clusters:statistics"))
    assert response.context["year"] == 2017
    assert [cluster.name for cluster in response.context["ranking"]] == ["Gamma", "Beta", "Alpha"]
    assert "Ranking of clusters in 2017" in response.content.decode()
    assert "compare 2017, a complete year (3 of 3 member clusters reported)" in response.content.decode()

    chosen = client.get(reverse("clusters:statistics") + "?year=2019")
    assert [cluster.name for cluster in chosen.context["ranking"]] == ["Alpha"]
    assert "an incomplete year: 1 of 3 member clusters reported" in chosen.content.decode()
    assert client.get(reverse("clusters:statistics") + "?year=abc").context["year"] == 2017


def test_sorting_the_cluster_list_by_turnover_compares_the_latest_complete_year(client, network):
    response = client.get(reverse("clusters:cluster-list") + "?ordering=-turnover")
    assert [cluster.name for cluster in response.context["page"]] == ["Gamma", "Beta", "Alpha"]
    assert "Sorted by the figures for 2017" in response.content.decode()

    in_2019 = client.get(reverse("clusters:cluster-list") + "?ordering=-turnover&year=2019")
    assert [cluster.name for cluster in in_2019.context["page"]] == ["Alpha", "Beta", "Gamma"]
    assert "No approved figures for 2019." in in_2019.content.decode()


def test_companies_in_two_clusters_are_counted_once_and_the_counts_are_explained(client, network):
    NetworkFiguresFactory(year=2018, members=580, source="LCN presentation, 2019")
    shared = CompanyFactory()
    MembershipFactory(cluster=network[0], company=shared)
    MembershipFactory(cluster=network[1], company=shared)
    MembershipFactory(cluster=network[2])
    MembershipFactory(cluster=network[2], until=datetime.date(2016, 1, 1))
    assert statistics.unique_companies_listed() == 2
    for url in (reverse("clusters:home"), reverse("clusters:statistics")):
        text = client.get(url).content.decode()
        assert "Three ways to count the members" in text
        assert "Reported by the network for 2018" in text
        assert "Sum of the clusters' reported members, 2017" in text
        assert "(3 of 3 member clusters)" in text
        assert "each company counted once" in text


def test_every_public_figure_says_where_it_came_from(client):
    cluster = ClusterFactory(slug="wood")
    manager, reviewer = UserFactory(), UserFactory()
    YearlyFiguresFactory(
        cluster=cluster,
        year=2017,
        source=YearlyFigures.Source.SUBMITTED,
        submitted_by=manager,
        submitted_at=timezone.make_aware(datetime.datetime(2018, 3, 1, 12)),
        reviewed_by=reviewer,
        reviewed_at=timezone.make_aware(datetime.datetime(2018, 3, 5, 12)),
    )
    imported = YearlyFiguresFactory(cluster=cluster, year=2016)
    imported.set_imported(
        file_name="clusters-2016.xlsx",
        sheet="Clusters",
        row=7,
        user=reviewer,
        when=timezone.make_aware(datetime.datetime(2017, 2, 1, 12)),
    )
    imported.save()
    YearlyFiguresFactory(cluster=cluster, year=2015)

    text = client.get(cluster.get_absolute_url()).content.decode()
    assert "Submitted by the cluster on 1 March 2018; approved by the network on 5 March 2018" in text
    assert "Imported from clusters-2016.xlsx, sheet Clusters, row 7, on 1 February 2017" in text
    assert "Source not recorded" in text
    assert manager.email not in text

    document = client.get(reverse("clusters:open-data-clusters-json")).json()
    by_year = {row["year"]: row for row in document["clusters"][0]["figures"]}
    assert (by_year[2016]["source"], by_year[2016]["source_file"], by_year[2016]["source_row"]) == (
        "imported",
        "clusters-2016.xlsx",
        7,
    )
    assert by_year[2017]["approved_at"].startswith("2018-03-05")
    csv_text = b"".join(client.get(reverse("clusters:open-data-clusters-csv")).streaming_content).decode()
    assert "source,source_file,source_sheet,source_row,imported_at,submitted_at,approved_at" in csv_text
    assert "imported,clusters-2016.xlsx,Clusters,7,2017-02-01" in csv_text


def test_a_published_reporting_round_closes_its_year_and_an_unpublished_one_stays_hidden(client, network):
    from reports.models import ReportingRound

    now = timezone.now()
    ReportingRound.objects.create(
        year=2019, deadline=datetime.date(2020, 3, 1), opened_at=now, published_at=now
    )
    YearlyFiguresFactory(cluster=network[1], year=2020, members=12)
    ReportingRound.objects.create(year=2020, deadline=datetime.date(2021, 3, 1), opened_at=now)

    context = client.get(reverse("clusters:statistics")).context

    assert [row["year"] for row in context["complete_years"]] == [2016, 2017, 2019]
    assert context["incomplete_years"] == []
    assert context["year"] == 2019  # the latest complete year, published though one cluster reported
    assert 2020 not in context["years"]
