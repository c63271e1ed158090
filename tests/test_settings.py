"""Production settings: refused without a strong secret key, clean under `check --deploy`."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# The production variables the README documents (DATABASE_URL and REDIS_URL are optional here).
PRODUCTION = {"SECRET_KEY": secrets.token_urlsafe(50), "ALLOWED_HOSTS": "lcn.example"}


def run_check(*args: str, **env: str) -> subprocess.CompletedProcess:
    # The browser tests set DJANGO_ALLOW_ASYNC_UNSAFE in this process; a server never has it.
    unset = {
        "DEBUG",
        "SECRET_KEY",
        "DJANGO_SETTINGS_MODULE",
        "ALLOWED_HOSTS",
        "CSP_REPORT_ONLY",
        "DJANGO_ALLOW_ASYNC_UNSAFE",
    }
    clean = {k: v for k, v in os.environ.items() if k not in unset and not k.startswith("SECURE_")}
    return subprocess.run(  # noqa: S603 - fixed arguments, this interpreter
        [sys.executable, "manage.py", "check", *args],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        check=False,
    )


def test_production_refuses_to_start_without_secret_key():
    result = run_check("--deploy", DEBUG="0")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_debug_is_off_unless_asked_for():
    # No DEBUG variable at all is production: the development key is not accepted.
    result = run_check()
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_refuses_a_short_secret_key():
    result = run_check("--deploy", SECRET_KEY="abcde", ALLOWED_HOSTS="lcn.example")
    assert result.returncode != 0
    assert "at least 50" in result.stderr


def test_production_refuses_a_key_of_few_distinct_characters():
    result = run_check("--deploy", SECRET_KEY="x" * 60, ALLOWED_HOSTS="lcn.example")
    assert result.returncode != 0
    assert "at least 50" in result.stderr


def test_check_deploy_is_clean_with_the_documented_production_variables():
    result = run_check("--deploy", "--fail-level", "DEBUG", **PRODUCTION)
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout
