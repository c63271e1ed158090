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


@pytest.fixture
def export_storage(settings, tmp_path):
    """Exports written in the background go to a folder of the test's own."""
    settings.STORAGES = {
        **settings.STORAGES,
        "exports": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path},
        },
    }
    return tmp_path


@pytest.fixture
def database_tasks(settings):
    """Tasks wait in the database for the worker (``db_worker``), as in production; the test settings
    otherwise run them at once."""
    from django_tasks import task_backends

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    task_backends._settings = None  # the handler caches the backends it built from the settings
    task_backends._backends = {}
    yield
    task_backends._settings = None
    task_backends._backends = {}
