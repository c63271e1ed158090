"""The arrows between the apps: every module imports on its own, and import-linter's contracts hold."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
APPS = [
    "clusters",
    "core",
    "demo",
    "directory",
    "imports",
    "lcn",
    "people",
    "portal",
    "programmes",
    "reports",
]


def project_modules() -> list[str]:
    """Every module of the project's apps (migrations included), in alphabetical order."""
    modules = []
    for app in APPS:
        for path in sorted((ROOT / app).rglob("*.py")):
            parts = path.relative_to(ROOT).with_suffix("").parts
            modules.append(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    return sorted(modules)


def run_python(code: str, **env) -> subprocess.CompletedProcess:
    environment = {**os.environ, "DJANGO_SETTINGS_MODULE": "tests.settings", **env}
    return subprocess.run(  # noqa: S603 - our own interpreter and code
        [sys.executable, "-c", code], cwd=ROOT, env=environment, capture_output=True, text=True, timeout=120
    )


def test_the_project_has_the_apps_the_readme_names():
    modules = project_modules()
    assert "clusters.models" in modules and "directory.views" in modules and "demo.generate" in modules
    # The public site left the domain app.
    for gone in ["views", "charts", "opendata", "sitemaps", "urls", "filters", "pagination", "demo"]:
        assert f"clusters.{gone}" not in modules


@pytest.mark.parametrize("first", ["clusters.querysets", "clusters.services", "directory.views"])
def test_a_module_imported_first_in_a_fresh_interpreter_has_no_cycle(first):
    result = run_python(f"import django; django.setup(); import {first}")
    assert result.returncode == 0, result.stderr
    # Before setup too, for the modules that need no app registry.
    if first == "clusters.querysets":
        plain = run_python("import clusters.querysets")
        assert plain.returncode == 0, plain.stderr


def test_every_module_imports_in_a_fresh_interpreter_in_alphabetical_order():
    modules = [m for m in project_modules() if m not in {"lcn.asgi", "lcn.wsgi"}]
    code = "import django, importlib\ndjango.setup()\n" + "".join(
        f"importlib.import_module({name!r})\n" for name in modules
    )
    result = run_python(code)
    assert result.returncode == 0, result.stderr
    assert len(modules) > 50


def test_import_linter_contracts_hold():
    result = subprocess.run(  # noqa: S603
        [str(Path(sys.executable).parent / "lint-imports"), "--no-cache"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def test_import_linter_fails_when_the_domain_imports_the_public_site(tmp_path):
    """A copy of the project with one wrong-way import added: lint-imports must refuse it."""
    copy = tmp_path / "project"
    (copy).mkdir()
    (copy / "pyproject.toml").write_bytes((ROOT / "pyproject.toml").read_bytes())
    for app in APPS:
        for path in (ROOT / app).rglob("*.py"):
            target = copy / path.relative_to(ROOT)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(path.read_bytes())
    models = copy / "clusters" / "models.py"
    models.write_text(models.read_text() + "\nfrom directory import views  # noqa\n")
    result = subprocess.run(  # noqa: S603
        [str(Path(sys.executable).parent / "lint-imports"), "--no-cache"],
        cwd=copy,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "PYTHONPATH": str(copy)},
    )
    assert result.returncode != 0
    assert "BROKEN" in result.stdout and "clusters.models -> directory.views" in result.stdout
