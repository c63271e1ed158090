"""The admin's import previewed on one app server and confirmed on another: two real gunicorn processes
(the production configuration) share the database and the ``imports`` storage, nothing else. Sessions
are cached_db with a per-process cache, so only the database carries the login from one to the other.

Runs in the normal suite; it needs no network beyond this machine's loopback.
"""

import contextlib
import html
import http.cookiejar
import os
import re
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from pathlib import Path

import pytest
from django.db import connection

from clusters.models import YearlyFigures
from tests.clusters.spreadsheets import FIGURES_HEADER, csv_bytes
from tests.factories import StaffFactory

ROOT = Path(__file__).resolve().parents[2]
PORTS = range(8310, 8320)
START_TIMEOUT = 60  # seconds for a server to answer; the machine may be busy
REQUEST_TIMEOUT = 60
PASSWORD = "correct horse battery"  # the factories' password
FIGURES = [
    ["Latvian Clusters in Numbers (2017)"],
    FIGURES_HEADER,
    ["Two Servers Test Cluster", "43", "101 030 068", "22 297 308", "", ""],
]


def free_ports(count: int) -> list[int]:
    """Ports of the range this project's servers use that nothing listens on now."""
    found = []
    for port in PORTS:
        with socket.socket() as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
        found.append(port)
        if len(found) == count:
            return found
    pytest.fail(f"fewer than {count} free ports in {PORTS}")


def shared_database_url(directory: Path) -> str:
    """A database URL both servers can open, holding what the test has committed so far.

    SQLite: the in-memory test database copied to a file. PostgreSQL: the test database itself.
    """
    if connection.vendor == "sqlite":
        path = directory / "shared.sqlite3"
        connection.ensure_connection()
        with contextlib.closing(sqlite3.connect(path)) as target:
            connection.connection.backup(target)
        return f"sqlite:///{path}"
    settings = connection.settings_dict
    user = urllib.parse.quote(settings["USER"] or "")
    password = f":{urllib.parse.quote(settings['PASSWORD'])}" if settings["PASSWORD"] else ""
    host = settings["HOST"] or "localhost"
    port = f":{settings['PORT']}" if settings["PORT"] else ""
    return f"postgres://{user}{password}@{host}{port}/{settings['NAME']}"


def figures_written(database_url: str) -> list[tuple]:
    """(cluster name, year, members, turnover, status) of every yearly figures row, read where the servers
    wrote them."""
    if database_url.startswith("sqlite:///"):
        query = (
            "SELECT c.name, f.year, f.members, f.turnover_eur, f.status FROM clusters_yearlyfigures f "
            "JOIN clusters_cluster c ON c.id = f.cluster_id"
        )
        with contextlib.closing(sqlite3.connect(database_url.removeprefix("sqlite:///"))) as db:
            return db.execute(query).fetchall()
    return list(
        YearlyFigures.objects.values_list("cluster__name", "year", "members", "turnover_eur", "status")
    )


def start_server(port: int, env: dict[str, str], log: Path) -> subprocess.Popen:
    command = [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", "lcn.wsgi"]
    server_env = {**env, "GUNICORN_BIND": f"127.0.0.1:{port}", "GUNICORN_WORKERS": "1"}
    with log.open("wb") as output:
        return subprocess.Popen(  # noqa: S603 - our own interpreter and arguments
            command, cwd=ROOT, env=server_env, stdout=output, stderr=subprocess.STDOUT, start_new_session=True
        )


def wait_until_serving(server: subprocess.Popen, port: int, log: Path) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"the server on port {port} stopped:\n{log.read_text(errors='replace')[-3000:]}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=5):  # noqa: S310
                return
        except urllib.error.HTTPError:
            return  # it answers; the health check's own verdict does not matter here
        except OSError:
            time.sleep(0.3)
    pytest.fail(f"the server on port {port} did not answer within {START_TIMEOUT} s")


def stop(server: subprocess.Popen) -> None:
    if server.poll() is None:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(timeout=20)


class Browser:
    """A user agent with one cookie jar, whichever server it talks to (as behind a load balancer)."""

    def __init__(self) -> None:
        self.cookies = http.cookiejar.CookieJar()
        no_redirects = type(
            "NoRedirects", (urllib.request.HTTPRedirectHandler,), {"redirect_request": _no_redirect}
        )
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.cookies), no_redirects
        )

    def request(self, url: str, *, data: bytes | None = None, content_type: str = "") -> tuple[int, str, str]:
        """(status, Location header, body) of a GET, or of a POST when ``data`` is given."""
        headers = {"Referer": url}
        if content_type:
            headers["Content-Type"] = content_type
        request = urllib.request.Request(url, data=data, headers=headers)  # noqa: S310
        try:
            with self.opener.open(request, timeout=REQUEST_TIMEOUT) as response:
                return response.status, response.headers.get("Location", ""), response.read().decode()
        except urllib.error.HTTPError as answer:
            return answer.code, answer.headers.get("Location", ""), answer.read().decode(errors="replace")

    def csrf_token(self) -> str:
        return next(cookie.value for cookie in self.cookies if cookie.name == "csrftoken")


def _no_redirect(self, request, response, code, message, headers, new_url):
    return None


def hidden_value(page: str, name: str) -> str:
    """The value of the hidden input ``name`` ("" when it has none)."""
    found = re.search(rf'<input type="hidden" name="{name}"( value="([^"]*)")?', page)
    assert found, f"no hidden field {name!r} in the page"
    return html.unescape(found.group(2) or "")


def multipart(fields: dict[str, str], files: dict[str, tuple[str, bytes]]) -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    parts = []
    for name, value in fields.items():
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
        )
    for name, (file_name, content) in files.items():
        head = (
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{file_name}"\r\n'
            "Content-Type: application/octet-stream\r\n\r\n"
        )
        parts.append(head.encode() + content + b"\r\n")
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


def form(fields: dict[str, str]) -> tuple[bytes, str]:
    return urllib.parse.urlencode(fields).encode(), "application/x-www-form-urlencoded"


@pytest.fixture
def two_servers(transactional_db, tmp_path):
    """Two gunicorn servers on the same database and upload folder; yields their base URLs."""
    StaffFactory(username="importer@example.lv", email="importer@example.lv")
    database_url = shared_database_url(tmp_path)
    env = {name: value for name, value in os.environ.items() if name != "REDIS_URL"}
    env |= {
        "DJANGO_SETTINGS_MODULE": "tests.settings",
        "DATABASE_URL": database_url,
        "IMPORT_UPLOAD_ROOT": str(tmp_path / "uploads"),
        "ALLOWED_HOSTS": "127.0.0.1",
        "PYTHONPATH": str(ROOT),
    }
    ports = free_ports(2)
    servers = []
    try:
        for port in ports:
            log = tmp_path / f"server-{port}.log"
            servers.append(start_server(port, env, log))
            wait_until_serving(servers[-1], port, log)
        yield [f"http://127.0.0.1:{port}" for port in ports], database_url, tmp_path / "uploads"
    finally:
        for server in servers:
            stop(server)


def test_a_preview_on_one_server_is_confirmed_on_another(two_servers):
    (first, second), database_url, uploads = two_servers
    browser = Browser()
    browser.request(f"{first}/en/admin/login/")
    login = {
        "username": "importer@example.lv",
        "password": PASSWORD,
        "csrfmiddlewaretoken": browser.csrf_token(),
    }
    status, location, _body = browser.request(
        f"{first}/en/admin/login/?next=/en/admin/", data=form(login)[0], content_type=form(login)[1]
    )
    assert (status, location) == (302, "/en/admin/")

    import_path = "/en/admin/clusters/cluster/import/"
    browser.request(f"{first}{import_path}")
    body, content_type = multipart(
        {"csrfmiddlewaretoken": browser.csrf_token(), "sheet": "", "year": ""},
        {"file": ("figures.csv", csv_bytes(FIGURES))},
    )
    status, _location, preview = browser.request(
        f"{first}{import_path}", data=body, content_type=content_type
    )
    assert status == 200, preview[-2000:]
    assert "Two Servers Test Cluster" in preview and "Confirm import" in preview
    assert figures_written(database_url) == []
    assert len(list(uploads.rglob("figures.csv"))) == 1

    confirm = {
        "csrfmiddlewaretoken": hidden_value(preview, "csrfmiddlewaretoken"),
        "token": hidden_value(preview, "token"),
        "sheet": "",
        "year": hidden_value(preview, "year"),
    }
    status, location, answer = browser.request(
        f"{second}{import_path}", data=form(confirm)[0], content_type=form(confirm)[1]
    )

    # The confirm queues the import as a job (run at once by the test settings' task backend) and
    # answers with the job's page, which the first server shows.
    assert status == 302 and re.fullmatch(r"/en/admin/imports/importjob/\d+/change/", location), answer[
        -2000:
    ]
    assert figures_written(database_url) == [("Two Servers Test Cluster", 2017, 43, 101_030_068, "approved")]
    assert list(uploads.rglob("figures.csv")) == []
    status, _location, job_page = browser.request(f"{first}{location}")
    assert status == 200 and "1 created, 0 updated, 0 unchanged." in job_page
