"""Invariants the database itself enforces, whatever code writes the rows."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from clusters.models import Company, Contact, YearlyFigures
from clusters.validators import validate_registration_number
from tests.factories import (
    ClusterFactory,
    CompanyFactory,
    ContactFactory,
    MembershipFactory,
    PersonFactory,
    YearlyFiguresFactory,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("field", ["turnover_eur", "export_eur"])
def test_negative_amounts_are_refused_by_the_database(field):
    figures = YearlyFiguresFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        YearlyFigures.objects.filter(pk=figures.pk).update(**{field: -1})


@pytest.mark.parametrize("field", ["members", "consultation_hours"])
def test_negative_counts_are_refused_by_the_database(field):
    figures = YearlyFiguresFactory(consultation_hours=10)
    with pytest.raises(IntegrityError), transaction.atomic():
        YearlyFigures.objects.filter(pk=figures.pk).update(**{field: -1})


def test_a_second_row_for_the_same_cluster_and_year_is_refused():
    figures = YearlyFiguresFactory(year=2017)
    with pytest.raises(IntegrityError), transaction.atomic():
        YearlyFiguresFactory(cluster=figures.cluster, year=2017)
    assert YearlyFiguresFactory(cluster=figures.cluster, year=2018).pk


@pytest.mark.parametrize("status", [YearlyFigures.Status.APPROVED, YearlyFigures.Status.SUBMITTED])
def test_figures_form_validation_names_the_duplicate_year(status):
    figures = YearlyFiguresFactory(year=2017, status=status)
    duplicate = YearlyFigures(
        cluster=figures.cluster, year=2017, members=1, turnover_eur=1, export_eur=1, status=status
    )
    with pytest.raises(ValidationError) as excinfo:
        duplicate.full_clean()
    assert "__all__" in excinfo.value.message_dict


def test_a_correction_may_wait_for_review_next_to_the_approved_figures_of_its_year():
    approved = YearlyFiguresFactory(year=2017, status=YearlyFigures.Status.APPROVED)
    correction = YearlyFiguresFactory(
        cluster=approved.cluster, year=2017, status=YearlyFigures.Status.SUBMITTED
    )
    assert correction.pk != approved.pk
    with pytest.raises(IntegrityError), transaction.atomic():
        YearlyFiguresFactory(cluster=approved.cluster, year=2017, status=YearlyFigures.Status.REJECTED)


@pytest.mark.parametrize(
    ("number", "code"),
    [
        ("4000324575", "format"),  # 10 digits
        ("40003245753", "checksum"),  # wrong check digit
        ("4000324575A", "format"),
        ("10101012345", "personal_code"),  # a natural person's code must never be stored
    ],
)
def test_bad_registration_numbers_are_refused(number, code):
    with pytest.raises(ValidationError) as excinfo:
        validate_registration_number(number)
    assert excinfo.value.code == code


def test_a_valid_registration_number_passes():
    validate_registration_number("40003245752")


def test_company_registration_number_is_unique_when_present():
    CompanyFactory(registration_number="40003245752")
    with pytest.raises(IntegrityError), transaction.atomic():
        CompanyFactory(registration_number="40003245752")
    # Companies without a number (e.g. foreign members) do not collide with each other.
    CompanyFactory(registration_number="")
    CompanyFactory(registration_number="")
    assert Company.objects.filter(registration_number="").count() == 2


def test_model_validation_refuses_a_bad_registration_number():
    company = CompanyFactory.build(registration_number="40003245753")
    with pytest.raises(ValidationError) as excinfo:
        company.full_clean()
    assert "registration_number" in excinfo.value.message_dict


def test_only_one_current_membership_per_company_and_cluster():
    membership = MembershipFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        MembershipFactory(company=membership.company, cluster=membership.cluster)
    # An ended membership does not block a new current one, and a company may join other clusters.
    membership.until = datetime.date(2018, 1, 1)
    membership.save()
    MembershipFactory(company=membership.company, cluster=membership.cluster)
    MembershipFactory(company=membership.company)
    assert membership.company.memberships.current().count() == 2


def test_membership_cannot_end_before_it_starts():
    with pytest.raises(IntegrityError), transaction.atomic():
        MembershipFactory(since=datetime.date(2020, 1, 1), until=datetime.date(2019, 1, 1))


def test_contact_organisation_must_match_its_link():
    cluster = ClusterFactory()
    person = PersonFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Contact.objects.create(person=person, organisation="network", cluster=cluster)
    with pytest.raises(IntegrityError), transaction.atomic():
        Contact.objects.create(person=person, organisation="company", cluster=cluster)
    assert Contact.objects.create(person=person, organisation="network").pk


def test_person_email_is_unique_ignoring_case_but_a_second_role_is_fine():
    contact = ContactFactory(email="anna@example.lv")
    with pytest.raises(IntegrityError), transaction.atomic():
        PersonFactory(email="Anna@Example.lv")
    second = ContactFactory(person=contact.person, cluster=ClusterFactory())
    assert [role.pk for role in contact.person.roles.order_by("pk")] == [contact.pk, second.pk]
    with pytest.raises(IntegrityError), transaction.atomic():
        ContactFactory(person=contact.person, cluster=contact.cluster)


def test_a_cluster_portal_keeps_its_own_person_for_an_address_known_elsewhere():
    network_person = PersonFactory(email="anna@example.lv")
    cluster = ClusterFactory()
    portal_person = PersonFactory(email="ANNA@example.lv", portal_cluster=cluster)
    assert network_person.pk != portal_person.pk
    with pytest.raises(IntegrityError), transaction.atomic():
        PersonFactory(email="anna@example.lv", portal_cluster=cluster)


def test_person_phone_is_stored_in_e164():
    person = PersonFactory(phone="29 236 363")
    person.full_clean()
    person.save()
    person.refresh_from_db()
    assert str(person.phone) == "+37129236363"


def test_person_with_an_invalid_phone_is_refused():
    person = PersonFactory.build(phone="12")
    with pytest.raises(ValidationError) as excinfo:
        person.full_clean()
    assert "phone" in excinfo.value.message_dict


def test_changes_keep_history_with_what_changed():
    cluster = ClusterFactory(name="Old name")
    cluster.name = "New name"
    cluster.save()
    latest, previous = cluster.history.all()[:2]
    delta = latest.diff_against(previous)
    assert [(c.field, c.old, c.new) for c in delta.changes] == [("name", "Old name", "New name")]
