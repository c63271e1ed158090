"""The engine knows no model of the project, and its one helper for recording changes."""

import ast
from pathlib import Path

import pytest

from clusters.models import Company
from imports.changes import assign_changes

ENGINE = Path(__file__).resolve().parents[2] / "imports"
PROJECT_APPS = {"clusters", "programmes", "portal", "directory", "lcn"}


@pytest.mark.parametrize("path", sorted(ENGINE.rglob("*.py")), ids=lambda path: str(path.relative_to(ENGINE)))
def test_the_engine_imports_no_app_of_the_project(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    imported = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            imported |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            imported.add(node.module.split(".")[0])

    assert not imported & PROJECT_APPS


def test_assign_changes_sets_what_differs_and_says_old_and_new():
    company = Company(name="Tilde", city="Rīga", category="sme")

    changed = assign_changes(company, {"name": "Tilde", "city": "Cēsis", "category": "large"})

    assert changed == {"city": ("Rīga", "Cēsis"), "category": ("sme", "large")}
    assert (company.city, company.category) == ("Cēsis", "large")
