"""/healthz tells whether the database answers; a database outage gets a branded 503 page."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent.parent

# A request handled by the real settings while the database is unreachable (nothing listens on
# port 1), printed as JSON lines: path, status, Retry-After, body.
OUTAGE_SCRIPT = """
import json, django
django.setup()
from django.conf import settings
# Static files are not collected for tests: plain storage instead of the manifest.
settings.STORAGES = {**settings.STORAGES, "staticfiles": {
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
from django.test import Client
client = Client(raise_request_exception=False)
for path in ["/healthz", "/", "/clusters/", "/en/", "/en/clusters/"]:
    response = client.get(path, secure=True)
    print(json.dumps([path, response.status_code, response.get("Retry-After"), response.content.decode()]))
"""


@pytest.mark.django_db
def test_healthz_answers_ok_while_the_database_answers(client):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}
    assert "no-cache" in response["Cache-Control"]


@pytest.fixture(scope="module")
def outage() -> dict[str, tuple[int, str | None, str]]:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "lcn.settings",
        "DEBUG": "0",
        "SECRET_KEY": "k" + "0123456789abcdefghij" * 3,
        "ALLOWED_HOSTS": "testserver",
        "DATABASE_URL": "postgres://postgres@127.0.0.1:1/lcn_outage?connect_timeout=2",
        "CONN_MAX_AGE": "0",
    }
    env.pop("REDIS_URL", None)
    result = subprocess.run(  # noqa: S603 - fixed arguments, this interpreter
        [sys.executable, "-c", OUTAGE_SCRIPT], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )
    rows = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("[")]
    return {path: (status, retry_after, body) for path, status, retry_after, body in rows}


def test_healthz_answers_503_when_the_database_is_down(outage):
    status, _, body = outage["/healthz"]
    assert status == 503
    assert json.loads(body) == {"status": "unavailable", "database": "unreachable"}


@pytest.mark.parametrize("path", ["/en/", "/en/clusters/"])
def test_pages_answer_a_branded_503_with_retry_after_when_the_database_is_down(outage, path):
    status, retry_after, body = outage[path]
    assert status == 503
    assert retry_after == "30"
    assert "Temporarily unavailable" in body
    assert "Nothing you saved is lost" in body
