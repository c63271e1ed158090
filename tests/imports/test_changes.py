"""The one helper that sets values on a record and says what changed."""

from clusters.models import Company
from imports.changes import assign_changes


def test_assign_changes_sets_what_differs_and_says_old_and_new():
    company = Company(name="Tilde", city="Rīga", category="sme")

    changed = assign_changes(company, {"name": "Tilde", "city": "Cēsis", "category": "large"})

    assert changed == {"city": ("Rīga", "Cēsis"), "category": ("sme", "large")}
    assert (company.city, company.category) == ("Cēsis", "large")
