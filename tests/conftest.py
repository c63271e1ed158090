import pytest
from django.utils import translation

from tests.factories import StaffFactory


@pytest.fixture
def staff_user(db):
    return StaffFactory(email="staff@example.lv")


@pytest.fixture
def staff_client(client, staff_user):
    client.force_login(staff_user)
    return client


@pytest.fixture(autouse=True)
def english_addresses():
    """Tests read the English site: ``reverse()`` gives its /en/ addresses. Latvian, at the plain
    addresses, is tested where a test says so (``translation.override("lv")`` or a plain path)."""
    with translation.override("en"):
        yield
