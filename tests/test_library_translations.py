"""What staff see of the libraries (django-axes, django-import-export, django-simple-history,
django-tasks-db) reads in Latvian in the Latvian admin: none of them ships a Latvian catalogue, so the
project's translates their strings (core/library_messages.py, the overridden templates)."""

import pytest
from django.urls import reverse
from django.utils import translation

from tests.factories import CompanyFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def superuser_client(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


def latvian_page(client, name: str, *args) -> str:
    with translation.override("lv"):
        url = reverse(name, args=args)
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def test_the_sidebar_names_the_libraries_apps_and_models_in_latvian(superuser_client):
    text = latvian_page(superuser_client, "admin:index")

    for latvian in ["Pieteikšanās ierobežošana", "Pieteikšanās mēģinājumi", "Neizdevušās pieteikšanās"]:
        assert latvian in text
    for latvian in ["Pieteikšanās ieraksti", "Fona uzdevumi", "Uzdevumu rezultāti"]:
        assert latvian in text
    for english in [">Axes<", "Access attempts", "Access failures", "Access logs", "Tasks Database Backend"]:
        assert english not in text


def test_the_export_page_reads_in_latvian(superuser_client):
    text = latvian_page(superuser_client, "admin:clusters_company_export")

    assert "Tiks eksportēti šie lauki:" in text
    assert "Izvēlēties visus" in text
    assert 'value="Nosūtīt"' in text
    assert "Formāts" in text
    for english in ["This exporter will export", "Select all", 'value="Submit"', "Format:"]:
        assert english not in text


def test_the_history_page_reads_in_latvian(superuser_client):
    company = CompanyFactory()

    text = latvian_page(superuser_client, "admin:clusters_company_history", company.pk)

    for latvian in [
        "Ieraksts",
        "Komentārs",
        "Mainīja",
        "Izmaiņu iemesls",
        "Izmaiņas",
        "Izveidots",
        "1 ieraksts",
    ]:
        assert latvian in text
    for english in ["Changed by", "Change reason", ">Object<", ">Created<", "Choose a date"]:
        assert english not in text


def test_the_english_admin_keeps_the_libraries_english(superuser_client):
    with translation.override("en"):
        url = reverse("admin:clusters_company_export")

    text = superuser_client.get(url).content.decode()

    assert "This exporter will export the following fields:" in text
    assert "Select all" in text
