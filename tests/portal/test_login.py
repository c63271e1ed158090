"""Managers log in with their e-mail address as the username, in any capitalisation."""

import pytest

from tests.factories import ClusterFactory, StaffFactory, UserFactory

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


STAFF_PASSWORD = "correct horse battery"


@pytest.mark.parametrize("prefix", ["", "/en"])
@pytest.mark.parametrize("manages_a_cluster", [False, True])
def test_the_admin_login_without_next_goes_to_the_admin_index(client, prefix, manages_a_cluster):
    """A post without `next` (the form's hidden field lost) used to land on the portal."""
    staff = StaffFactory(email="staff@example.lv")
    if manages_a_cluster:
        ClusterFactory().managers.add(staff)

    response = client.post(
        f"{prefix}/admin/login/", {"username": "staff@example.lv", "password": STAFF_PASSWORD}
    )

    assert response.status_code == 302
    assert response["Location"] == f"{prefix}/admin/"


def test_the_admin_login_still_follows_next(client):
    StaffFactory(email="staff@example.lv")
    data = {"username": "staff@example.lv", "password": STAFF_PASSWORD, "next": "/admin/clusters/cluster/"}

    response = client.post("/admin/login/?next=/admin/clusters/cluster/", data)

    assert response["Location"] == "/admin/clusters/cluster/"


def test_the_admin_login_page_still_renders_for_a_visitor(client):
    response = client.get("/admin/login/")

    assert response.status_code == 200
    assert 'name="next" value="/admin/"' in response.text


@pytest.mark.parametrize(
    ("who", "expected"),
    [("manager", "/portal/"), ("staff", "/admin/"), ("staff_manager", "/portal/")],
)
def test_the_site_login_without_next_sends_each_user_where_their_work_is(client, who, expected):
    """Staff who manage no cluster have nothing in the portal; staff who manage one chose to use it."""
    factory = UserFactory if who == "manager" else StaffFactory
    user = factory(email="someone@example.lv", username="someone@example.lv")
    if who != "staff":
        ClusterFactory().managers.add(user)

    response = client.post("/accounts/login/", {"username": "someone@example.lv", "password": STAFF_PASSWORD})

    assert response.status_code == 302
    assert response["Location"] == expected
