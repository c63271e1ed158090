"""A person appears publicly only with a current consent, whatever organisation they belong to."""

import pytest
from django.urls import reverse
from django.utils import timezone

from clusters.models import Contact
from tests.factories import (
    ClusterFactory,
    CompanyFactory,
    ConsentRecordFactory,
    ContactFactory,
    PersonFactory,
)

pytestmark = pytest.mark.django_db


def everything_public(client, cluster, company) -> str:
    urls = [
        reverse("clusters:home"),
        reverse("clusters:cluster-list"),
        cluster.get_absolute_url(),
        reverse("clusters:company-list"),
        company.get_absolute_url(),
        reverse("clusters:statistics"),
        reverse("clusters:open-data"),
        reverse("clusters:open-data-clusters-json"),
        reverse("sitemap-index"),
        "/sitemap-pages.xml",
        "/sitemap-clusters.xml",
        "/sitemap-companies.xml",
    ]
    texts = [client.get(url).content.decode() for url in urls]
    for name in ("clusters:open-data-clusters-csv", "clusters:open-data-companies-csv"):
        texts.append(b"".join(client.get(reverse(name)).streaming_content).decode())
    return "\n".join(texts).replace('<span class="email-at">&#64;</span>', "@")


@pytest.fixture
def person_everywhere(db):
    """One person with roles at a cluster, a company and the network, with a phone number."""
    person = PersonFactory(
        first_name="Zigrīda", last_name="Kalniņa-Unique", email="zigrida@example.lv", phone="+37129111222"
    )
    cluster, company = ClusterFactory(), CompanyFactory()
    ContactFactory(person=person, cluster=cluster, position="Chair of the board")
    ContactFactory(person=person, organisation="company", cluster=None, company=company)
    ContactFactory(person=person, organisation="network", cluster=None)
    return person, cluster, company


def test_without_consent_the_person_is_on_no_public_page_or_file(client, person_everywhere):
    person, cluster, company = person_everywhere

    text = everything_public(client, cluster, company)

    for value in ("Kalniņa-Unique", "zigrida@example.lv", "29111222", "Chair of the board"):
        assert value not in text


def test_with_consent_the_person_shows_on_the_profiles_but_never_in_open_data(client, person_everywhere):
    person, cluster, company = person_everywhere
    ConsentRecordFactory(person=person)

    assert "Kalniņa-Unique" in client.get(cluster.get_absolute_url()).text
    assert "Kalniņa-Unique" in client.get(company.get_absolute_url()).text
    json_text = client.get(reverse("clusters:open-data-clusters-json")).text
    assert "Kalniņa-Unique" not in json_text and "zigrida" not in json_text


def test_withdrawing_hides_the_person_at_once_and_keeps_the_record(client, person_everywhere):
    person, cluster, company = person_everywhere
    consent = ConsentRecordFactory(person=person)
    consent.withdrawn_at = timezone.now()
    consent.save()

    assert "Kalniņa-Unique" not in everything_public(client, cluster, company)
    assert person.consents.get().withdrawn_at is not None


def test_a_consent_for_mailings_is_no_consent_to_be_shown(client, person_everywhere):
    person, cluster, company = person_everywhere
    ConsentRecordFactory(person=person, purpose="mailings")

    assert "Kalniņa-Unique" not in everything_public(client, cluster, company)
    assert not Contact.objects.public().exists()
