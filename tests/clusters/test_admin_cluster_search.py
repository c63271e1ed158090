"""The admin finds clusters as the public search does: "it" is Latvian IT Cluster, not Quality, Security
or City; best match first, in the list and in the autocomplete of every form that chooses a cluster."""

import pytest
from django.urls import reverse
from django.utils import translation

from clusters.models import Cluster
from tests.factories import ClusterFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def clusters():
    return {
        "quality": ClusterFactory(name="Food Product Quality Cluster", description="Food quality"),
        "security": ClusterFactory(name="Security Cluster", description="Security systems"),
        "city": ClusterFactory(name="Smart City Cluster", description="Mobility"),
        "it": ClusterFactory(name="Latvian IT Cluster", description="Software"),
        "itera": ClusterFactory(name="Itera Cluster", description="Consulting"),
        "mentions": ClusterFactory(name="Baltic Digital Cluster", description="Partners of the IT sector"),
    }


def listed(staff_client, query: dict) -> list[str]:
    with translation.override("en"):
        url = reverse("admin:clusters_cluster_changelist")
    response = staff_client.get(url, query)
    assert response.status_code == 200
    return [cluster.name for cluster in response.context["cl"].result_list]


def autocomplete(staff_client, term: str) -> list[str]:
    response = staff_client.get(
        reverse("admin:autocomplete"),
        {"term": term, "app_label": "clusters", "model_name": "membership", "field_name": "cluster"},
    )
    assert response.status_code == 200
    return [result["text"] for result in response.json()["results"]]


@pytest.mark.parametrize("term", ["it", "IT"])
def test_the_cluster_list_finds_it_by_word_start_best_match_first(staff_client, clusters, term):
    found = listed(staff_client, {"q": term})

    # The name's start, then a word of the name, then the description only: as the public search.
    assert found == ["Itera Cluster", "Latvian IT Cluster", "Baltic Digital Cluster"]
    assert found == [cluster.name for cluster in Cluster.objects.search(term)]


def test_add_to_cluster_autocomplete_puts_the_best_match_first(staff_client, clusters):
    assert autocomplete(staff_client, "IT") == [
        "Itera Cluster",
        "Latvian IT Cluster",
        "Baltic Digital Cluster",
    ]


def test_the_testers_case_enter_picks_latvian_it_cluster(staff_client, clusters):
    """Typing "IT" and Enter took the first suggestion, Food Product Quality Cluster."""
    clusters["itera"].delete()

    assert autocomplete(staff_client, "IT")[0] == "Latvian IT Cluster"
    assert listed(staff_client, {"q": "it"})[0] == "Latvian IT Cluster"


def test_a_full_name_comes_first(staff_client, clusters):
    assert autocomplete(staff_client, "latvian it")[0] == "Latvian IT Cluster"
    assert listed(staff_client, {"q": "latvian it cluster"}) == ["Latvian IT Cluster"]


def test_a_column_chosen_for_sorting_still_sorts_the_search(staff_client, clusters):
    by_name_descending = listed(staff_client, {"q": "it", "o": "-1"})

    assert by_name_descending == sorted(by_name_descending, reverse=True)


def test_an_e_mail_address_finds_its_cluster(staff_client, clusters):
    clusters["city"].email = "info@smartcity.lv"
    clusters["city"].save()

    assert listed(staff_client, {"q": "INFO@smartcity.lv"}) == ["Smart City Cluster"]
