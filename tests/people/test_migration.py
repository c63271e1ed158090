"""The data migration turns each contact into a role of a person: one person per distinct e-mail."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("clusters", "0010_figures_provenance_reporting_years")]
AFTER = [("clusters", "0013_contact_is_a_role")]


@pytest.fixture
def executor():
    """Migrations run back and forth; afterwards the database is at the latest state again."""
    yield MigrationExecutor(connection)
    latest = MigrationExecutor(connection)
    latest.migrate(latest.loader.graph.leaf_nodes())


@pytest.mark.django_db(transaction=True)
def test_contacts_become_people_with_roles_and_the_consent_flag_a_record(executor):
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    cluster = old.get_model("clusters", "Cluster").objects.create(name="A", slug="a")
    Contact = old.get_model("clusters", "Contact")
    Contact.objects.create(
        first_name="Anna", last_name="Liepa", email="Anna@Example.lv", phone="+37120000000",
        cluster=cluster, organisation="cluster", is_public=True, consent_date=datetime.date(2021, 4, 1),
    )  # fmt: skip
    Contact.objects.create(first_name="Jānis", last_name="Ozols", organisation="network", notes="Board")
    Contact.objects.create(first_name="Jānis", last_name="Ozols", organisation="network", notes="Again")

    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)
    new = executor.loader.project_state(AFTER).apps

    Person = new.get_model("people", "Person")
    anna = Person.objects.get(email="anna@example.lv")
    assert (anna.first_name, anna.last_name, str(anna.phone)) == ("Anna", "Liepa", "+37120000000")
    consent = new.get_model("people", "ConsentRecord").objects.get(person=anna)
    assert (consent.given_on, consent.method) == (datetime.date(2021, 4, 1), "earlier")
    roles = new.get_model("clusters", "Contact").objects.order_by("pk")
    assert [role.person.first_name for role in roles] == ["Anna", "Jānis", "Jānis"]
    assert Person.objects.count() == 3  # contacts without an e-mail are not merged by name
    assert sorted(Person.objects.exclude(notes="").values_list("notes", flat=True)) == ["Again", "Board"]
