"""Contact persons: organisation resolution, matching by e-mail, consent, errors by row."""

import datetime
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from clusters.importers import ImportFailed, import_contacts
from clusters.models import Contact
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
    ilze, janis, anna = (Contact.objects.get(first_name=name) for name in ("Ilze", "Jānis", "Anna"))
    assert (ilze.organisation, ilze.cluster, ilze.is_public, str(ilze.phone)) == (
        "cluster", it_cluster, True, "+37120000000",
    )  # fmt: skip
    assert ilze.consent_date is None, "consent is dated only by the file, never with the import's day"
    assert (janis.organisation, janis.company, janis.is_public) == ("company", company, False)
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


def test_a_contact_moves_from_a_company_to_a_cluster(it_cluster):
    contact = ContactFactory(
        email="ilze@itbaltic.com", organisation="company", cluster=None, company=CompanyFactory()
    )

    import_contacts(csv_file([CONTACTS_HEADER, person()]))

    contact.refresh_from_db()
    assert (contact.organisation, contact.cluster, contact.company) == ("cluster", it_cluster, None)


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

    report = import_contacts(csv_file(rows))

    ilze, janis = (Contact.objects.get(first_name=name) for name in ("Ilze", "Jānis"))
    assert (ilze.is_public, ilze.consent_date) == (True, datetime.date(2015, 3, 1))
    assert (janis.is_public, janis.consent_date) == (True, None)
    assert ilze.history.get().history_change_reason == "Imported from figures.csv"
    assert "consent given on: 2015-03-01" in report.lines[0]


def test_not_public_in_the_file_withdraws_consent(it_cluster):
    contact = ContactFactory(
        email="ilze@itbaltic.com", cluster=it_cluster, is_public=True, consent_date=datetime.date(2020, 1, 1)
    )

    import_contacts(csv_file([CONTACTS_HEADER, person(public="no")]))

    contact.refresh_from_db()
    assert (contact.is_public, contact.consent_date) == (False, None)


def test_a_company_name_two_companies_share_is_refused(it_cluster):
    CompanyFactory(name="Tilde SIA")
    CompanyFactory(name="TILDE, SIA", slug="tilde-sia-2")

    with pytest.raises(ImportFailed) as failure:
        import_contacts(csv_file([CONTACTS_HEADER, person(organisation="Tilde SIA")]))

    assert [(e.row, e.column) for e in failure.value.errors] == [(2, "Organisation")]
    assert "registration number" in failure.value.errors[0].message
