"""The people admin: lists that do not grow in queries, and consent evidence that is not edited."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import ClusterFactory, ConsentRecordFactory, ContactFactory

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
