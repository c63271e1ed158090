"""Access exports hold every personal field; erasure leaves the person's data in no table at all."""

import csv
import datetime
import io
import json

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from clusters.models import Contact
from people.models import ConsentRecord, Person, PersonDataEvent
from people.services import person_erase, person_export
from tests.factories import (
    ClusterFactory,
    CompanyFactory,
    ConsentRecordFactory,
    ContactFactory,
    PersonFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

FIRST, LAST, EMAIL, PHONE = "Vizma", "Zvaigznīte-Erasable", "vizma.zvaigznite@example.lv", "+37129333444"


@pytest.fixture
def person(staff_client):
    """A person with two roles, consent, history, an admin log entry and a consent source naming them."""
    person = PersonFactory(
        first_name=FIRST, last_name=LAST, email=EMAIL, phone=PHONE, notes="Met at the fair"
    )
    ContactFactory(person=person, cluster=ClusterFactory(), position="Board")
    ContactFactory(person=person, organisation="company", cluster=None, company=CompanyFactory())
    ConsentRecordFactory(person=person, source=f"E-mail from {EMAIL} of 3 March")
    person.notes = "Prefers phone"
    person.save()
    url = reverse("admin:people_person_change", args=[person.pk])
    loaded = staff_client.get(url).context["adminform"].form["row_version"].value()
    response = staff_client.post(
        url,
        {
            "row_version": loaded,
            "first_name": FIRST, "last_name": LAST, "email": EMAIL, "phone": PHONE, "notes": "Edited in admin",
            "objected_to_mailings_on": "",
            "consents-TOTAL_FORMS": "0", "consents-INITIAL_FORMS": "1",
            "consents-MIN_NUM_FORMS": "0", "consents-MAX_NUM_FORMS": "1000",
        },
    )  # fmt: skip
    assert response.status_code == 302, response.content
    return person


def every_cell_of_every_table() -> str:
    """The text of every value in every table of the database, history and admin log included."""
    cells = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608
            cells += [str(value) for row in cursor.fetchall() for value in row if value is not None]
    return "\n".join(cells).lower()


def test_before_erasure_the_walk_finds_the_person(person):
    text = every_cell_of_every_table()
    for value in (LAST, EMAIL, "29333444"):
        assert value.lower() in text


def test_after_erasure_no_table_holds_the_name_email_or_phone(person):
    call_command("erase_person", EMAIL.upper(), stdout=io.StringIO())

    text = every_cell_of_every_table()
    for value in (FIRST, LAST, EMAIL, "29333444", "Met at the fair", "Prefers phone"):
        assert value.lower() not in text
    erased = Person.objects.get(pk=person.pk)
    assert erased.is_erased and not erased.roles.exists()
    event = PersonDataEvent.objects.get(action="erasure")
    assert (event.person_number, event.done_by) == (person.pk, None)
    assert "command line" in event.done_by_name
    assert ConsentRecord.objects.filter(person=person).count() == 1  # the fact of consent is kept


def test_erasure_keeps_the_organisations_and_their_figures(person):
    clusters_before = list(Contact.objects.filter(person=person).values_list("cluster_id", flat=True))

    person_erase([person], done_by=None, done_by_name="test")

    cluster_id = next(pk for pk in clusters_before if pk)
    assert ClusterFactory._meta.model.objects.filter(pk=cluster_id).exists()


def test_erasing_someone_who_also_has_an_account_says_so(person):
    UserFactory(email=EMAIL.upper(), username="their-login")
    out = io.StringIO()

    call_command("erase_person", EMAIL, stdout=out)

    assert "account has this address too" in out.getvalue()


def test_erase_dry_run_changes_nothing(person):
    out = io.StringIO()

    call_command("erase_person", EMAIL, "--dry-run", stdout=out)

    assert "would be erased" in out.getvalue()
    assert Person.objects.get(pk=person.pk).email == EMAIL
    assert not PersonDataEvent.objects.exists()


def test_erase_an_unknown_address_is_an_error(db):
    with pytest.raises(CommandError, match="No person"):
        call_command("erase_person", "nobody@example.lv", stdout=io.StringIO())


def test_staff_erase_from_the_admin_after_confirming(person, staff_client, staff_user):
    changelist = reverse("admin:people_person_changelist")
    confirm = staff_client.post(changelist, {"action": "erase", "_selected_action": [person.pk]})
    assert confirm.status_code == 200 and "cannot be undone" in confirm.text
    assert not Person.objects.get(pk=person.pk).is_erased

    staff_client.post(changelist, {"action": "erase", "_selected_action": [person.pk], "apply": "1"})

    assert Person.objects.get(pk=person.pk).is_erased
    assert PersonDataEvent.objects.get(action="erasure").done_by == staff_user


def personal_fields() -> dict[str, set[str]]:
    """Every concrete field of every model that holds a person, their roles or their consent."""
    models = {
        "person": Person,
        "roles": Contact,
        "consents": ConsentRecord,
        "person history": Person.history.model,
        "role history": Contact.history.model,
        "events": PersonDataEvent,
    }
    return {
        section: {field.name for field in model._meta.concrete_fields} for section, model in models.items()
    }


def test_the_access_export_holds_every_field_the_models_have(person, staff_user):
    document = json.loads(
        json.dumps(person_export([person], done_by=staff_user, done_by_name="staff"), default=str)
    )

    record = document["people"][0]
    sections = {
        "person": [record["person"]],
        "roles": record["roles"],
        "consents": record["consents"],
        "person history": record["history"]["person"],
        "role history": record["history"]["roles"],
        "events": record["events"],
    }
    for section, fields in personal_fields().items():
        assert sections[section], section
        for row in sections[section]:
            assert set(row) == fields, section
    assert len(record["roles"]) == 2
    assert record["person"]["email"] == EMAIL and record["person"]["phone"] == PHONE
    assert len(record["history"]["person"]) >= 3


def test_every_model_holding_personal_data_is_exported():
    """A new model pointing at Person must be added to the access export."""
    pointing = {
        model
        for model in apps.get_models()
        for field in model._meta.concrete_fields
        if field.is_relation and field.related_model is Person
    }
    assert pointing <= {Contact, ConsentRecord, PersonDataEvent, Contact.history.model}


def test_export_person_command_writes_json_and_csv_and_logs_it(person, tmp_path):
    out = io.StringIO()
    call_command("export_person", EMAIL, stdout=out)
    document = json.loads(out.getvalue())
    assert document["people"][0]["person"]["last_name"] == LAST

    target = tmp_path / "export.csv"
    call_command("export_person", EMAIL, "--format", "csv", "--output", str(target), stderr=io.StringIO())
    rows = list(csv.DictReader(target.open(encoding="utf-8")))
    assert {"person", "role", "consent", "person history", "role history"} <= {row["section"] for row in rows}
    assert any(row["field"] == "phone" and row["value"] == "'+37129333444" for row in rows)  # formula-safe
    assert PersonDataEvent.objects.filter(action="export", person_number=person.pk).count() == 2


def test_staff_export_from_the_admin(person, staff_client, staff_user):
    response = staff_client.post(
        reverse("admin:people_person_changelist"), {"action": "export_json", "_selected_action": [person.pk]}
    )

    assert response["Content-Disposition"].startswith("attachment")
    assert json.loads(response.content)["people"][0]["person"]["email"] == EMAIL
    assert PersonDataEvent.objects.get(action="export").done_by == staff_user


def test_retention_anonymises_only_people_without_roles_and_without_recent_changes(db, settings):
    settings.PERSONAL_DATA_RETENTION_MONTHS = 24
    old = timezone.now() - datetime.timedelta(days=800)
    stale = PersonFactory(email="stale@example.lv")
    with_role = ContactFactory(email="role@example.lv").person
    recent = PersonFactory(email="recent@example.lv")
    Person.objects.filter(pk__in=[stale.pk, with_role.pk]).update(updated_at=old)

    out = io.StringIO()
    call_command("apply_retention", "--dry-run", stdout=out)
    assert "1 person record(s)" in out.getvalue()
    assert not Person.objects.get(pk=stale.pk).is_erased

    call_command("apply_retention", stdout=io.StringIO())

    assert Person.objects.get(pk=stale.pk).is_erased
    assert not Person.objects.get(pk=with_role.pk).is_erased
    assert not Person.objects.get(pk=recent.pk).is_erased
    assert PersonDataEvent.objects.get().action == "retention"


def test_a_role_ended_recently_keeps_the_person(db):
    contact = ContactFactory(email="left@example.lv")
    person = contact.person
    Person.objects.filter(pk=person.pk).update(updated_at=timezone.now() - datetime.timedelta(days=800))
    contact.delete()

    call_command("apply_retention", stdout=io.StringIO())

    assert not Person.objects.get(pk=person.pk).is_erased
    call_command("apply_retention", "--months", "0", stdout=io.StringIO())
    assert Person.objects.get(pk=person.pk).is_erased
