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
def _empty_cache():
    """Each test starts with an empty cache (throttling counters, sessions, cached pages)."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def english_addresses():
    """Tests read the English site: ``reverse()`` gives its /en/ addresses. Latvian, at the plain
    addresses, is tested where a test says so (``translation.override("lv")`` or a plain path)."""
    with translation.override("en"):
        yield
