"""The people admin: lists that do not grow in queries, and consent evidence that is not edited."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from clusters.models import Contact
from tests.factories import ClusterFactory, ConsentRecordFactory, ContactFactory, PersonFactory

pytestmark = pytest.mark.django_db


def queries_for(client, url: str) -> int:
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context)


@pytest.mark.parametrize("name", ["admin:people_person_changelist", "admin:clusters_contact_changelist",
                                  "admin:people_consentrecord_changelist"])  # fmt: skip
def test_changelists_run_the_same_queries_for_2_and_21_rows(staff_client, name):
    url = reverse(name)
    cluster = ClusterFactory()
    for _ in range(2):
        ConsentRecordFactory(person=ContactFactory(cluster=cluster).person)
    few = queries_for(staff_client, url)
    for _ in range(19):
        ConsentRecordFactory(person=ContactFactory(cluster=cluster).person)

    assert queries_for(staff_client, url) == few


def test_a_persons_page_lists_roles_and_consents_read_only(staff_client):
    contact = ContactFactory(position="Chair")
    consent = ConsentRecordFactory(person=contact.person, source="Signed form no. 7")

    page = staff_client.get(reverse("admin:people_person_change", args=[contact.person.pk])).text

    assert contact.cluster.name in page
    assert "Signed form no. 7" in page
    assert 'name="consents-0-source"' not in page  # evidence is not edited: withdraw and add instead
    assert consent.is_current


def test_staff_merge_a_portal_record_into_the_networks_person(staff_client):
    network_role = ContactFactory(email="anna@example.lv", first_name="Anna", phone="+37129000003")
    network = network_role.person
    cluster = ClusterFactory()
    portal_person = PersonFactory(email="ANNA@example.lv", first_name="Ann", portal_cluster=cluster)
    portal_role = ContactFactory(person=portal_person, cluster=cluster)
    same_place = ContactFactory(person=portal_person, cluster=network_role.cluster)
    ConsentRecordFactory(person=portal_person)

    staff_client.post(
        reverse("admin:people_person_changelist"),
        {"action": "merge_into_network", "_selected_action": [portal_person.pk]},
    )

    portal_role.refresh_from_db()
    assert portal_role.person == network
    assert not Contact.objects.filter(pk=same_place.pk).exists()  # the network's person had that role
    assert network.consents.count() == 1
    portal_person.refresh_from_db()
    assert portal_person.is_erased and portal_person.email == ""
    network.refresh_from_db()
    assert (network.first_name, str(network.phone)) == ("Anna", "+37129000003")
