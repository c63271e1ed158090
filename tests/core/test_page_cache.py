"""Anonymous visitors get public pages from the cache; any change to the data shows at once."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from clusters.models import Cluster, Company
from people.services import consent_withdraw, person_erase
from tests.clusters.spreadsheets import MEMBERS_HEADER, csv_bytes
from tests.factories import (
    ClusterFactory,
    ConsentRecordFactory,
    ContactFactory,
    PersonFactory,
    UserFactory,
    make_registration_number,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PUBLIC_PAGE_CACHE_SECONDS = 600


def test_a_repeated_public_page_costs_no_query(client, django_assert_num_queries):
    ClusterFactory.create_batch(2, lcn_member=True)
    url = reverse("clusters:cluster-list")
    first = client.get(url)

    with django_assert_num_queries(0):
        second = client.get(url)

    assert second.status_code == 200
    assert second.content == first.content
    assert second["Content-Security-Policy"]


def test_a_saved_change_shows_at_once(client):
    cluster = ClusterFactory(name="Old Name Cluster", lcn_member=True)
    url = reverse("clusters:cluster-list")
    assert "Old Name Cluster" in client.get(url).content.decode()

    cluster.name = "New Name Cluster"
    cluster.save()

    content = client.get(url).content.decode()
    assert "New Name Cluster" in content
    assert "Old Name Cluster" not in content


def test_an_update_without_signals_by_a_signed_in_user_shows_at_once(client, staff_client):
    cluster = ClusterFactory(name="Before Cluster", lcn_member=True)
    url = reverse("clusters:cluster-list")
    assert "Before Cluster" in client.get(url).content.decode()
    # The admin's bulk delete action goes through QuerySet methods.
    staff_client.post(
        reverse("admin:clusters_cluster_changelist"),
        {"action": "delete_selected", "_selected_action": [cluster.pk], "post": "yes"},
    )
    assert not Cluster.objects.filter(pk=cluster.pk).exists()

    assert "Before Cluster" not in client.get(url).content.decode()


def test_each_language_is_cached_on_its_own(client):
    # The address chooses the language: English under /en/, Latvian at the plain one.
    with translation.override("en"):
        english = client.get(reverse("clusters:home"))
    with translation.override("lv"):
        latvian = client.get(reverse("clusters:home"))

    assert english["Content-Language"] == "en"
    assert latvian["Content-Language"] == "lv"
    assert english.content != latvian.content


def test_signed_in_visitors_are_never_served_from_the_cache(client, django_assert_max_num_queries):
    url = reverse("clusters:home")
    client.get(url)
    client.force_login(UserFactory())

    response = client.get(url)

    assert "Log out" in response.content.decode()


def test_anonymous_login_failures_do_not_empty_the_cache(client, django_assert_num_queries):
    url = reverse("clusters:cluster-list")
    client.get(url)
    client.post("/accounts/login/", {"username": "nobody@example.lv", "password": "x"})

    with django_assert_num_queries(0):
        client.get(url)


def test_an_import_without_a_request_shows_at_once(client, tmp_path, django_capture_on_commit_callbacks):
    # The task worker and the import commands write in bulk, outside any request and without post_save.
    cluster = ClusterFactory(name="Imports Cluster", lcn_member=True)
    url = reverse("clusters:company-list")
    assert "Ozolkalns Bulk SIA" not in client.get(url).text
    path = tmp_path / "members.csv"
    path.write_bytes(
        csv_bytes(
            [
                MEMBERS_HEADER,
                ["Ozolkalns Bulk SIA", make_registration_number(7), cluster.name, "", "", "", "", "", ""],
            ]
        )
    )

    with django_capture_on_commit_callbacks(execute=True):  # the test's transaction never commits
        call_command("import_members", str(path), stdout=io.StringIO())

    assert Company.objects.filter(name="Ozolkalns Bulk SIA").exists()
    assert "Ozolkalns Bulk SIA" in client.get(url).text


def test_a_consent_withdrawn_without_a_request_hides_the_person_at_once(
    client, django_capture_on_commit_callbacks
):
    cluster = ClusterFactory(lcn_member=True)
    person = PersonFactory(first_name="Rasma", last_name="Publiskā-Unique")
    ContactFactory(person=person, cluster=cluster)
    ConsentRecordFactory(person=person)
    assert "Publiskā-Unique" in client.get(cluster.get_absolute_url()).text

    with django_capture_on_commit_callbacks(execute=True):
        assert consent_withdraw(person=person, withdrawn_by=None) == 1  # an update: no post_save

    assert "Publiskā-Unique" not in client.get(cluster.get_absolute_url()).text


def test_an_erasure_from_the_command_line_hides_the_person_at_once(client):
    cluster = ClusterFactory(lcn_member=True)
    person = PersonFactory(first_name="Rasma", last_name="Dzēšamā-Unique")
    ContactFactory(person=person, cluster=cluster)
    ConsentRecordFactory(person=person)
    assert "Dzēšamā-Unique" in client.get(cluster.get_absolute_url()).text

    person_erase([person], done_by=None, done_by_name="cron")

    assert "Dzēšamā-Unique" not in client.get(cluster.get_absolute_url()).text
