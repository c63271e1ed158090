"""Managers log in with their e-mail address as the username, in any capitalisation."""

import pytest

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def manager():
    return UserFactory(email="anna@example.lv", username="anna@example.lv")


@pytest.mark.parametrize("typed", ["anna@example.lv", "Anna@Example.LV", " anna@example.lv "])
def test_login_accepts_the_address_however_capitalised(client, manager, typed):
    response = client.post("/accounts/login/", {"username": typed, "password": "correct horse battery"})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(manager.pk)


@pytest.mark.parametrize(
    ("typed", "password"),
    [("anna@example.lv", "wrong password"), ("nobody@example.lv", "correct horse battery")],
)
def test_login_refuses_a_wrong_password_or_unknown_user(client, manager, typed, password):
    response = client.post("/accounts/login/", {"username": typed, "password": password})
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert response.context["form"].non_field_errors()


def test_a_deactivated_manager_cannot_log_in(client, manager):
    manager.is_active = False
    manager.save()
    client.post("/accounts/login/", {"username": "anna@example.lv", "password": "correct horse battery"})
    assert "_auth_user_id" not in client.session
