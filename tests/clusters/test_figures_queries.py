"""The figures pages this work touches keep a fixed number of queries, measured with more than one row."""

import pytest
from django.urls import reverse

from clusters.models import YearlyFigures
from tests.factories import ClusterFactory, MembershipFactory, UserFactory, YearlyFiguresFactory

pytestmark = pytest.mark.django_db

# The user; the session itself comes from the cache (cached_db sessions).
SESSION_AND_USER = 1


def cluster_with_rows(rows: int):
    cluster = ClusterFactory(slug="it")
    for n in range(rows):
        YearlyFiguresFactory(cluster=cluster, year=1990 + n, members=30 + n)
        YearlyFiguresFactory(cluster=ClusterFactory(), year=1990 + n, status=YearlyFigures.Status.SUBMITTED)
        MembershipFactory(cluster=cluster)
    return cluster


@pytest.mark.parametrize("rows", [2, 21])
def test_submitting_implausible_figures_runs_a_fixed_number_of_queries(
    client, django_assert_num_queries, rows
):
    cluster = cluster_with_rows(rows)
    manager = UserFactory()
    cluster.managers.add(manager)
    client.force_login(manager)
    data = {"year": 2030, "members": "900", "turnover_eur": "1", "export_eur": "5", "version": ""}

    # cluster; figures waiting for the year; the model's constraint checks (each in a savepoint); the
    # previous approved year and the memberships (the plausibility baseline); the list of figures
    with django_assert_num_queries(SESSION_AND_USER + 11):
        response = client.post(reverse("portal:figures", args=["it"]), data)

    assert response.status_code == 200
    assert len(response.context["form"].plausibility_warnings) == 5  # every check fires


@pytest.mark.parametrize("rows", [2, 21])
def test_the_figures_changelist_runs_a_fixed_number_of_queries(staff_client, django_assert_num_queries, rows):
    cluster_with_rows(rows)
    staff_client.get(reverse("admin:clusters_yearlyfigures_changelist"))  # warm the content types cache

    # the counts, the rows with their clusters, and the filters' choices
    with django_assert_num_queries(SESSION_AND_USER + 5):
        response = staff_client.get(reverse("admin:clusters_yearlyfigures_changelist"))

    assert response.status_code == 200
    assert response.context["cl"].result_count == 2 * rows


@pytest.mark.parametrize("rows", [2, 21])
def test_the_figures_change_page_with_its_review_runs_a_fixed_number_of_queries(
    staff_client, django_assert_num_queries, rows
):
    cluster = cluster_with_rows(rows)
    figures = cluster.figures.order_by("-year").first()
    staff_client.get(reverse("admin:clusters_yearlyfigures_change", args=[figures.pk]))

    # the row, its cluster, the review (one query with every comparison), the history link's checks
    with django_assert_num_queries(SESSION_AND_USER + 5):
        response = staff_client.get(reverse("admin:clusters_yearlyfigures_change", args=[figures.pk]))

    assert response.status_code == 200
    assert f"Approved {figures.year - 1}" in response.text  # compared with the year before
