"""Public programme pages: the programme, its projects, funding, indicators and beneficiary clusters."""

from decimal import Decimal

import pytest
from django.urls import reverse

from tests.factories import ClusterFactory, IndicatorFactory, ProgrammeFactory, ProjectFactory

pytestmark = pytest.mark.django_db


def test_programme_list_shows_project_count_and_funding(client):
    programme = ProgrammeFactory(name="Cluster programme")
    ProjectFactory(programme=programme, erdf_funding_eur=Decimal("1000"))
    ProjectFactory(programme=programme, erdf_funding_eur=Decimal("2500"))
    ProgrammeFactory(name="Empty programme")
    response = client.get(reverse("programmes:programme-list"))
    listed = {programme.name: programme for programme in response.context["programmes"]}
    assert list(listed) == ["Cluster programme", "Empty programme"]
    assert (listed["Cluster programme"].project_count, listed["Cluster programme"].erdf_total) == (
        2,
        Decimal("3500"),
    )
    assert listed["Empty programme"].project_count == 0
    assert "3,500" in response.content.decode()


def test_programme_profile_shows_projects_indicators_funding_and_public_clusters(client):
    programme = ProgrammeFactory(slug="clusters-4-1-2")
    project = ProjectFactory(programme=programme, title="Export to Japan", private_funding_eur=Decimal("700"))
    project.clusters.add(ClusterFactory(name="Open Cluster"), ClusterFactory(name="Closed", is_active=False))
    IndicatorFactory(project=project, name="New products", achieved_value=Decimal("12"))
    response = client.get(programme.get_absolute_url())
    content = response.content.decode()
    assert "Export to Japan" in content
    assert "New products" in content
    assert "Open Cluster" in content
    assert "Closed" not in content
    assert response.context["private_total"] == Decimal("700")


def test_unknown_programme_is_not_found(client):
    assert client.get(reverse("programmes:programme-detail", args=["nope"])).status_code == 404


@pytest.mark.parametrize("rows", [1, 21])
def test_programme_pages_queries_do_not_grow_with_the_rows(client, django_assert_num_queries, rows):
    programme = ProgrammeFactory(slug="big")
    for number in range(rows):
        project = ProjectFactory(programme=programme)
        project.clusters.add(ClusterFactory())
        IndicatorFactory(project=project)
        ProgrammeFactory(name=f"Other {number}")
    with django_assert_num_queries(1):
        client.get(reverse("programmes:programme-list"))
    with django_assert_num_queries(4):
        client.get(programme.get_absolute_url())
