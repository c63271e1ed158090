"""Error pages, the favicon and the network's contact page."""

import pytest
from django.test import Client
from django.urls import reverse

from clusters.models import Contact, Network
from tests.factories import ContactFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("language", "heading"), [("en", "Page not found"), ("lv", None)])
def test_a_missing_page_is_branded_and_in_the_visitors_language(client, language, heading):
    # The address chooses the language: English under /en/, Latvian at the plain one.
    prefix = "/en" if language == "en" else ""
    response = client.get(f"{prefix}/no-such-page/", HTTP_ACCEPT_LANGUAGE=language)

    assert response.status_code == 404
    assert f'href="{prefix}/contact/"' in response.text
    if heading:
        assert heading in response.text
    else:
        assert "Page not found" not in response.text


def test_a_forbidden_page_is_branded(client):
    from tests.factories import UserFactory

    # The invitations page refuses a logged-in member of staff without the right to add users.
    staff = UserFactory(is_staff=True)
    client.force_login(staff)

    response = client.get(reverse("staff-invitations"))

    assert response.status_code == 403
    assert "Access denied" in response.text


@pytest.mark.django_db(databases=[])
def test_a_server_error_page_in_both_languages_needs_no_database(rf):
    from django.views.defaults import server_error

    response = server_error(rf.get("/"))

    assert response.status_code == 500
    assert "Something went wrong" in response.content.decode()
    assert "Radās kļūda" in response.content.decode()


def test_favicon_is_linked_and_answered(client):
    page = client.get("/")
    icon = client.get("/favicon.ico")

    assert 'rel="icon"' in page.text
    assert icon.status_code == 301
    assert icon["Location"].endswith("favicon.ico")


def test_contact_page_shows_the_network_and_only_consenting_people(client):
    Network.objects.create(name="Latvian Cluster Network", email="info@lcn.example", address="Rīga, Latvia")
    ContactFactory(
        organisation=Contact.Organisation.NETWORK,
        cluster=None,
        first_name="Armands",
        last_name="Lejas-Krūmiņš",
        role=Contact.Role.CHAIRPERSON,
        is_public=True,
    )
    ContactFactory(
        organisation=Contact.Organisation.NETWORK, cluster=None, first_name="Hidden", is_public=False
    )

    response = Client().get(reverse("clusters:contact"))

    # Shown (and read aloud) as the address, but not one string in the source for harvesters.
    assert 'info<span class="email-at">&#64;</span>lcn.example' in response.text
    assert "info@lcn.example" not in response.text
    assert Client().get(reverse("clusters:write-to-network"))["Location"] == "mailto:info@lcn.example"
    assert "Rīga, Latvia" in response.text
    assert "Armands Lejas-Krūmiņš" in response.text
    assert "Hidden" not in response.text
    assert 'href="/contact/"' in Client().get("/").text


def test_the_company_sitemap_comes_in_small_pages(client, monkeypatch):
    from directory.sitemaps import CompanySitemap
    from tests.factories import CompanyFactory

    monkeypatch.setattr(CompanySitemap, "limit", 2)
    CompanyFactory.create_batch(3)

    index = client.get("/sitemap.xml").content.decode()
    second = client.get("/sitemap-companies.xml", {"p": 2})
    beyond = client.get("/sitemap-companies.xml", {"p": 99999999999999999999})

    # Each company in both languages: six entries, two a page.
    assert "sitemap-companies.xml?p=3" in index
    assert second.content.decode().count("<url>") == 2
    assert beyond.status_code == 404
