import pytest

from tests.factories import StaffFactory


@pytest.fixture
def staff_user(db):
    return StaffFactory(email="staff@example.lv")


@pytest.fixture
def staff_client(client, staff_user):
    client.force_login(staff_user)
    return client
