"""Contact persons: organisation resolution, matching by e-mail, consent, errors by row."""

import datetime
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from clusters.importers import ImportFailed, import_contacts
from clusters.models import Contact
from people.models import ConsentRecord, Person
from tests.clusters.spreadsheets import CONTACTS_HEADER, csv_file, write, xlsx
from tests.factories import ClusterFactory, CompanyFactory, ContactFactory, make_registration_number


def person(first="Ilze", last="Bērziņa", organisation="Latvian IT Cluster", position="Manager",
           email="ilze@itbaltic.com", phone="+371 2000 0000", public="yes"):  # fmt: skip
    return [first, last, organisation, position, email, phone, public]


@pytest.fixture
def it_cluster(db):
    return ClusterFactory(name="Latvian IT Cluster", slug="latvian-it-cluster")


def test_contacts_are_created_at_a_cluster_a_company_and_the_network(it_cluster):
    company = CompanyFactory(name="Tilde SIA", registration_number=make_registration_number(7))
    rows = [
        CONTACTS_HEADER,
        person(),
        person(first="Jānis", last="Ozols", organisation="TILDE, SIA", email="", public="no"),
        person(
            first="Anna", last="Liepa", organisation="Latvian Cluster Network", email="ANNA@lcn.lv", public=""
        ),
    ]

    report = import_contacts(xlsx(rows))

    assert report.created == 3
    ilze, janis, anna = (Contact.objects.get(person__first_name=name) for name in ("Ilze", "Jānis", "Anna"))
    assert (ilze.organisation, ilze.cluster, str(ilze.phone)) == ("cluster", it_cluster, "+37120000000")
    assert list(Contact.objects.public()) == [ilze]
    assert (janis.organisation, janis.company) == ("company", company)
    assert (anna.organisation, anna.cluster, anna.company, anna.email) == (
        "network",
        None,
        None,
        "anna@lcn.lv",
    )


def test_a_contact_matches_by_email_in_any_case(it_cluster):
    contact = ContactFactory(email="Ilze@ITbaltic.com", cluster=it_cluster, position="Assistant")

    report = import_contacts(csv_file([CONTACTS_HEADER, person()]))

    contact.refresh_from_db()
    assert Contact.objects.get() == contact
    assert (contact.first_name, contact.position) == ("Ilze", "Manager")
    assert "Assistant → Manager" in report.lines[0]


def test_a_person_known_at_a_company_gains_a_role_at_a_cluster(it_cluster):
    company = CompanyFactory()
    contact = ContactFactory(email="ilze@itbaltic.com", organisation="company", cluster=None, company=company)

    report = import_contacts(csv_file([CONTACTS_HEADER, person()]))

    assert report.created == 1
    roles = contact.person.roles.order_by("organisation")
    assert [(role.organisation, role.cluster, role.company) for role in roles] == [
        ("cluster", it_cluster, None),
        ("company", None, company),
    ]
    assert Person.objects.count() == 1


def test_consent_comes_only_from_the_public_column_with_the_file_as_source(it_cluster):
    rows = [
        CONTACTS_HEADER + ["Consent given on"],
        person() + ["2024-03-15"],
        person(first="Jānis", email="janis@itbaltic.com") + [""],
        person(first="Anna", email="anna@itbaltic.com", public="") + ["2024-03-15"],
    ]

    import_contacts(csv_file(rows, name="members-2024.csv"))

    ilze, janis, anna = (Person.objects.get(first_name=name) for name in ("Ilze", "Jānis", "Anna"))
    consent = ilze.consents.get()
    assert (consent.given_on, consent.method) == (datetime.date(2024, 3, 15), ConsentRecord.Method.IMPORT)
    assert "members-2024.csv" in consent.source
    assert janis.consents.get().given_on is None  # the file does not say when: unknown, not the import day
    assert not anna.consents.exists()  # an empty cell gives no consent


def test_public_no_withdraws_a_current_consent_and_keeps_the_record(it_cluster):
    contact = ContactFactory(email="ilze@itbaltic.com", cluster=it_cluster, is_public=True)

    import_contacts(csv_file([CONTACTS_HEADER, person(public="no")]))

    consent = contact.person.consents.get()
    assert consent.withdrawn_at is not None
    assert not Contact.objects.public().exists()


def test_reimporting_changes_nothing(it_cluster):
    rows = [CONTACTS_HEADER, person(), person(first="Jānis", last="Ozols", email="")]
    import_contacts(csv_file(rows, encoding="cp1257", delimiter=";"))

    report = import_contacts(csv_file(rows, encoding="cp1257", delimiter=";"))

    assert (report.created, report.updated, report.unchanged) == (0, 0, 2)
    assert Contact.history.count() == 2


def test_errors_by_row_and_nothing_written(it_cluster):
    rows = [
        CONTACTS_HEADER,
        person(),
        person(first="", organisation="Nobody Inc", email="x@", phone="abc", public="maybe"),
        person(first="Other", email="ILZE@itbaltic.com"),
    ]

    with pytest.raises(ImportFailed) as failure:
        import_contacts(csv_file(rows))

    assert [(e.row, e.column) for e in failure.value.errors] == [
        (3, "First name"),
        (3, "Organisation"),
        (3, "Email"),
        (3, "Phone"),
        (3, "Public"),
    ]
    assert not Contact.objects.exists()


def test_the_same_email_twice_is_an_error(it_cluster):
    rows = [CONTACTS_HEADER, person(), person(first="Other", email="ILZE@itbaltic.com")]

    with pytest.raises(ImportFailed) as failure:
        import_contacts(csv_file(rows))

    assert [(e.row, e.column) for e in failure.value.errors] == [(3, "Email")]


def test_import_contacts_command(it_cluster, tmp_path):
    path = write(tmp_path, csv_file([CONTACTS_HEADER, person()], name="contacts.csv"))
    out = StringIO()

    call_command("import_contacts", str(path), "--dry-run", stdout=out)
    assert "would be created" in out.getvalue()
    assert not Contact.objects.exists()

    bad = write(tmp_path, csv_file([CONTACTS_HEADER, person(public="perhaps")], name="bad.csv"))
    with pytest.raises(CommandError):
        call_command("import_contacts", str(bad), stdout=StringIO(), stderr=StringIO())


def test_a_consent_date_comes_from_the_file_only(it_cluster):
    header = [*CONTACTS_HEADER, "Consent given on"]
    rows = [header, [*person(), "01.03.2015."], [*person(first="Jānis", email="janis@it.lv"), ""]]

    import_contacts(csv_file(rows))

    ilze, janis = (Contact.objects.get(person__first_name=name) for name in ("Ilze", "Jānis"))
    ilze_consent = ilze.person.consents.for_public_display().get()
    janis_consent = janis.person.consents.for_public_display().get()
    assert (ilze_consent.given_on, ilze_consent.method) == (datetime.date(2015, 3, 1), "import")
    assert janis_consent.given_on is None, "consent is dated only by the file, never with the import's day"
    assert "figures.csv" in ilze_consent.source
    assert ilze.person.history.get().history_change_reason == "Imported from figures.csv"


def test_not_public_in_the_file_withdraws_consent(it_cluster):
    contact = ContactFactory(email="ilze@itbaltic.com", cluster=it_cluster, is_public=True)
    assert contact.person.consents.for_public_display().exists()

    import_contacts(csv_file([CONTACTS_HEADER, person(public="no")]))

    assert not contact.person.consents.for_public_display().exists()
    assert contact.person.consents.get().withdrawn_at is not None, "the record is kept, withdrawn"


def test_a_company_name_two_companies_share_is_refused(it_cluster):
    CompanyFactory(name="Tilde SIA")
    CompanyFactory(name="TILDE, SIA", slug="tilde-sia-2")

    with pytest.raises(ImportFailed) as failure:
        import_contacts(csv_file([CONTACTS_HEADER, person(organisation="Tilde SIA")]))

    assert [(e.row, e.column) for e in failure.value.errors] == [(2, "Organisation")]
    assert "registration number" in failure.value.errors[0].message
