"""The error pages Django would draw itself (a refused CSRF check, a NUL character in the address) are
the site's: branded, in the language of the address, and with nothing the Content-Security-Policy blocks."""

import pytest
from django.test import Client

from tests.factories import UserFactory
from tests.test_templates_csp import blocked_by_the_policy

pytestmark = pytest.mark.django_db

LOGIN = {"username": "anna@example.lv", "password": "correct horse battery"}


@pytest.fixture
def csrf_client() -> Client:
    return Client(enforce_csrf_checks=True)


@pytest.mark.parametrize(
    ("prefix", "heading", "hint"),
    [
        ("", "Veidlapu nevarēja nosūtīt", "pārlādējiet lapu"),
        ("/en", "The form could not be sent", "reload the page"),
    ],
)
def test_a_post_without_its_csrf_token_gets_the_sites_page_in_its_language(
    csrf_client, prefix, heading, hint
):
    UserFactory(email="anna@example.lv")

    response = csrf_client.post(f"{prefix}/accounts/login/", LOGIN)

    assert response.status_code == 403
    text = response.content.decode()
    assert heading in text
    assert hint in text
    assert "CSRF verification failed" not in text
    assert 'class="navbar' in text  # the site's frame, not Django's bare page
    assert blocked_by_the_policy(text) == []
    assert "_auth_user_id" not in csrf_client.session


def test_an_expired_token_is_refused_the_same_way(csrf_client):
    csrf_client.get("/accounts/login/")
    csrf_client.cookies["csrftoken"] = "x" * 32  # the form's token no longer matches the cookie

    response = csrf_client.post("/accounts/login/", {**LOGIN, "csrfmiddlewaretoken": "y" * 32})

    assert response.status_code == 403
    assert "Veidlapu nevarēja nosūtīt" in response.content.decode()


@pytest.mark.parametrize(
    ("referer", "back_link"),
    [
        ("http://testserver/portal/latvian-it-cluster/contacts/", True),
        ("https://elsewhere.example/form/", False),
        ("", False),
    ],
)
def test_the_csrf_page_links_back_only_to_a_page_of_this_site(csrf_client, referer, back_link):
    response = csrf_client.post("/accounts/login/", LOGIN, HTTP_REFERER=referer)

    text = response.content.decode()
    assert ("Atpakaļ uz veidlapu" in text) is back_link
    assert "elsewhere.example" not in text


@pytest.mark.parametrize(
    ("path", "heading", "explanation"),
    [
        ("/companies/", "Nederīgs pieprasījums", "NUL rakstzīme"),
        ("/en/companies/", "Bad request", "NUL character"),
    ],
)
def test_a_nul_character_gets_the_sites_400_page_in_the_language_of_the_address(
    client, path, heading, explanation
):
    response = client.get(path, {"q": "\x00"})

    assert response.status_code == 400
    text = response.content.decode()
    assert heading in text
    assert explanation in text
    assert 'class="navbar' in text
    assert blocked_by_the_policy(text) == []
