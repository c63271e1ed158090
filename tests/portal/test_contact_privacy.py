"""The portal never tells a manager whether an address is known outside their own cluster."""

import re

import pytest
from django.urls import reverse

from clusters.models import Contact
from clusters.services import version_of
from people.models import Person
from tests.factories import ContactFactory

pytestmark = pytest.mark.django_db


def contact_data(email: str, **changes) -> dict:
    return {
        "first_name": "Anna",
        "last_name": "Bērziņa",
        "position": "Project manager",
        "role": Contact.Role.PROJECT_MANAGER,
        "email": email,
        "phone": "",
        "version": "",
        **changes,
    }


def answer(client, url: str, data: dict) -> tuple[int, str]:
    """What the manager sees after posting: status and the page they land on (without names and tokens)."""
    response = client.post(url, data, follow=True)
    text = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", response.content.decode())
    text = re.sub(r"/portal/[^\"]*/contacts/\d+/", "/contact/", text)
    return response.status_code, text


def test_an_address_known_elsewhere_gets_the_same_answer_as_an_unknown_one(client, ours, theirs):
    private = theirs.contact  # another cluster's contact person, not public
    private.person.first_name, private.person.phone = "Secret", "+37129000001"
    private.person.save()
    client.force_login(ours.manager)
    url = reverse("portal:contacts", args=[ours.cluster.slug])

    known = answer(client, url, contact_data(private.email.upper()))
    Contact.objects.filter(cluster=ours.cluster, person__email=private.email).delete()
    unknown = answer(client, url, contact_data("nobody-knows-this@example.lv"))

    assert known[0] == unknown[0] == 200
    assert known[1].replace(private.email, "X") == unknown[1].replace("nobody-knows-this@example.lv", "X")
    assert "Secret" not in known[1] and "29000001" not in known[1]


def test_matching_another_clusters_person_links_nothing(client, ours, theirs):
    private = theirs.contact
    client.force_login(ours.manager)

    client.post(reverse("portal:contacts", args=[ours.cluster.slug]), contact_data(private.email))

    ours_now = Contact.objects.get(cluster=ours.cluster, person__email=private.email)
    assert ours_now.person != private.person
    assert ours_now.person.portal_cluster == ours.cluster
    assert list(private.person.roles.all()) == [private]
    private.person.refresh_from_db()
    assert (private.person.first_name, private.person.last_name) != ("Anna", "Bērziņa")


def test_changing_an_address_to_one_known_elsewhere_is_saved_without_a_word(client, ours, theirs):
    client.force_login(ours.manager)
    contact = ours.contact
    url = reverse("portal:contact-edit", args=[ours.cluster.slug, contact.pk])
    data = contact_data(theirs.contact.email, first_name="Anna", version=version_of(contact))

    response = client.post(url, data)

    assert response.status_code == 302
    contact.refresh_from_db()
    assert contact.email == theirs.contact.email
    assert contact.person != theirs.contact.person
    assert Person.objects.filter(email__iexact=theirs.contact.email).count() == 2


def test_the_same_person_may_be_a_contact_of_two_clusters(ours, theirs):
    shared = ContactFactory(person=theirs.contact.person, cluster=ours.cluster)

    assert set(theirs.contact.person.roles.all()) == {theirs.contact, shared}


def test_a_manager_sees_only_their_clusters_contacts(client, ours, theirs):
    client.force_login(ours.manager)

    page = client.get(reverse("portal:contacts", args=[ours.cluster.slug])).text

    assert ours.contact.last_name in page
    assert theirs.contact.email not in page


def test_removing_a_contact_the_portal_created_erases_their_details(client, ours):
    client.force_login(ours.manager)
    url = reverse("portal:contacts", args=[ours.cluster.slug])
    client.post(url, contact_data("temporary@example.lv", phone="+37129000002"))
    contact = Contact.objects.get(person__email="temporary@example.lv")

    client.post(reverse("portal:contact-delete", args=[ours.cluster.slug, contact.pk]))

    person = Person.objects.get(pk=contact.person_id)
    assert person.is_erased and person.email == "" and str(person.phone) == ""
    assert not person.history.filter(email="temporary@example.lv").exists()
