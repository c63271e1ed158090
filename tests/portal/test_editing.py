"""What a manager edits through the portal: saved at once, validated, kept in history, never lost."""

import datetime
import threading
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, transaction
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from clusters.models import Cluster, Company, Contact, Membership, YearlyFigures
from clusters.services import EditConflict, version_of
from people.models import ConsentRecord
from portal.forms import ClusterProfileForm
from portal.services import PORTAL_CHANGE_REASON, portal_form_save
from tests.factories import CompanyFactory, ConsentRecordFactory, MembershipFactory, SectorFactory
from tests.portal.conftest import LAST_YEAR

pytestmark = pytest.mark.django_db


@pytest.fixture
def manager_client(client, ours):
    client.force_login(ours.manager)
    return client


def profile_data(cluster: Cluster, **changes) -> dict:
    data = {
        "description_en": cluster.description_en,
        "website": cluster.website,
        "email": cluster.email,
        "phone": "",
        "city": cluster.city,
        "version": version_of(cluster),
    }
    return {**data, **changes}


# Profile -------------------------------------------------------------------------------------------


def test_profile_edit_is_live_at_once_and_kept_in_history_as_a_portal_change(manager_client, ours):
    sector = SectorFactory(name="ICT")
    url = reverse("portal:profile", args=[ours.cluster.slug])

    response = manager_client.post(
        url,
        profile_data(
            ours.cluster, description_en="Software for industry", phone="67 123 456", sectors=[sector.pk]
        ),
    )

    assert response.status_code == 302
    cluster = Cluster.objects.get(pk=ours.cluster.pk)
    assert cluster.description == "Software for industry"
    assert str(cluster.phone) == "+37167123456"
    assert list(cluster.sectors.all()) == [sector]
    latest = cluster.history.latest()
    assert (latest.history_change_reason, latest.history_user) == (PORTAL_CHANGE_REASON, ours.manager)


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("phone", "12", "Enter a valid phone number"),
        ("website", "ftp://files.example.lv/", "Enter a valid URL."),
        ("website", "javascript:alert(1)", "Enter a valid URL."),
        ("email", "not-an-address", "Enter a valid email address."),
    ],
)
def test_profile_refuses_bad_values_with_a_message_next_to_the_field(
    manager_client, ours, field, value, message
):
    url = reverse("portal:profile", args=[ours.cluster.slug])

    response = manager_client.post(url, profile_data(ours.cluster, **{field: value}))

    assert response.status_code == 200
    assert message in str(response.context["form"].errors[field])
    assert f'id="error_1_id_{field}"' in response.text  # crispy renders it under the field
    assert Cluster.objects.get(pk=ours.cluster.pk).updated_at == ours.cluster.updated_at


def test_profile_accepts_a_website_without_scheme_as_https(manager_client, ours):
    manager_client.post(
        reverse("portal:profile", args=[ours.cluster.slug]),
        profile_data(ours.cluster, website="it.example.lv"),
    )

    assert Cluster.objects.get(pk=ours.cluster.pk).website == "https://it.example.lv"


def test_of_two_concurrent_profile_edits_the_later_is_refused_and_the_first_kept(client, ours):
    url = reverse("portal:profile", args=[ours.cluster.slug])
    loaded = profile_data(ours.cluster)  # both people opened the form with this version
    client.force_login(ours.manager)

    first = client.post(url, {**loaded, "description_en": "First edit"})
    second = client.post(url, {**loaded, "description_en": "Second edit"})

    assert first.status_code == 302
    assert second.status_code == 409
    assert "Someone else saved a change" in second.text
    assert Cluster.objects.get(pk=ours.cluster.pk).description == "First edit"


@pytest.mark.django_db(transaction=True)
def test_a_save_that_waits_for_a_concurrent_save_is_refused_once_that_one_commits(ours):
    if connection.vendor != "postgresql":
        pytest.skip("needs row locks (SELECT ... FOR UPDATE): run the suite with DATABASE_URL=postgres://...")
    form = ClusterProfileForm(profile_data(ours.cluster, description_en="Second"), instance=ours.cluster)
    assert form.is_valid()
    outcome = []

    def second_save() -> None:
        try:
            portal_form_save(form)
            outcome.append("saved")
        except EditConflict:
            outcome.append("refused")
        finally:
            connection.close()

    with transaction.atomic():  # the first save, in progress: it holds the row lock
        first = Cluster.objects.select_for_update().get(pk=ours.cluster.pk)
        thread = threading.Thread(target=second_save)
        thread.start()
        thread.join(timeout=1)
        assert thread.is_alive(), "the second save must wait for the first one's lock"
        first.description = "First"
        first.save()
    thread.join(timeout=10)

    assert outcome == ["refused"]
    assert Cluster.objects.get(pk=ours.cluster.pk).description == "First"


def test_a_form_without_its_version_is_refused(manager_client, ours):
    url = reverse("portal:profile", args=[ours.cluster.slug])

    response = manager_client.post(url, profile_data(ours.cluster, description_en="Forged", version=""))

    assert response.status_code == 409
    assert Cluster.objects.get(pk=ours.cluster.pk).description != "Forged"


# Figures -------------------------------------------------------------------------------------------


def figures_data(**changes) -> dict:
    return {
        "year": LAST_YEAR - 1,
        "members": 40,
        "turnover_eur": 2000,
        "export_eur": 500,
        "version": "",
        "checked": "on",  # confirmed despite the warnings (those are tested in test_plausibility)
        **changes,
    }


def test_submitted_figures_wait_for_review_and_are_not_public(manager_client, ours):
    response = manager_client.post(reverse("portal:figures", args=[ours.cluster.slug]), figures_data())

    assert response.status_code == 302
    figures = ours.cluster.figures.get(year=LAST_YEAR - 1)
    assert (figures.status, figures.submitted_by) == (YearlyFigures.Status.SUBMITTED, ours.manager)
    assert figures.submitted_at is not None
    assert not YearlyFigures.objects.approved().filter(pk=figures.pk).exists()


@pytest.mark.parametrize("field", ["members", "turnover_eur", "export_eur", "consultation_hours"])
def test_figures_must_not_be_negative(manager_client, ours, field):
    response = manager_client.post(
        reverse("portal:figures", args=[ours.cluster.slug]), figures_data(**{field: -1})
    )

    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not ours.cluster.figures.filter(year=LAST_YEAR - 1).exists()


def test_a_second_submission_for_a_year_already_waiting_is_refused(manager_client, ours):
    response = manager_client.post(
        reverse("portal:figures", args=[ours.cluster.slug]), figures_data(year=LAST_YEAR)
    )

    assert response.status_code == 200
    assert "already waiting for review" in str(response.context["form"].errors["year"])
    assert ours.cluster.figures.filter(year=LAST_YEAR).count() == 1


def test_rejected_figures_can_be_corrected_and_go_back_to_review(manager_client, ours):
    url = reverse("portal:figures-edit", args=[ours.cluster.slug, ours.rejected.pk])
    page = manager_client.get(url)
    assert "Export &gt; turnover?" in page.text

    response = manager_client.post(
        url, figures_data(year=1999, export_eur=100, version=version_of(ours.rejected))
    )

    assert response.status_code == 302
    ours.rejected.refresh_from_db()
    assert ours.rejected.year == LAST_YEAR  # the year of existing figures cannot change
    assert (ours.rejected.status, ours.rejected.export_eur) == (YearlyFigures.Status.SUBMITTED, 100)


def test_approved_figures_are_never_overwritten_a_correction_waits_for_review(manager_client, ours):
    url = reverse("portal:figures-edit", args=[ours.cluster.slug, ours.approved.pk])
    assert manager_client.get(url).context["form"].initial["members"] == ours.approved.members

    response = manager_client.post(url, figures_data(members=31))

    assert response.status_code == 302
    approved = YearlyFigures.objects.get(pk=ours.approved.pk)
    assert (approved.status, approved.members) == (YearlyFigures.Status.APPROVED, 30)
    correction = ours.cluster.figures.pending().get()
    assert (correction.year, correction.members) == (2017, 31)


def test_of_two_concurrent_figures_edits_the_later_is_refused(manager_client, ours):
    url = reverse("portal:figures-edit", args=[ours.cluster.slug, ours.rejected.pk])
    loaded = figures_data(version=version_of(ours.rejected))

    assert manager_client.post(url, {**loaded, "members": 41}).status_code == 302
    assert manager_client.post(url, {**loaded, "members": 42}).status_code == 409

    assert YearlyFigures.objects.get(pk=ours.rejected.pk).members == 41


# Members -------------------------------------------------------------------------------------------


def test_find_companies_by_name_or_registration_number(manager_client, ours, free_company):
    url = reverse("portal:members", args=[ours.cluster.slug])
    CompanyFactory(name="Unrelated AS")

    by_name = manager_client.get(url, {"q": "timber"}).context["results"]
    by_number = manager_client.get(url, {"q": free_company.registration_number}).context["results"]

    assert by_name == [free_company]
    assert by_number == [free_company]


def test_add_an_existing_company_as_member(manager_client, ours, free_company):
    url = reverse("portal:member-add", args=[ours.cluster.slug, free_company.pk])

    response = manager_client.post(url, {"role": Membership.Role.BOARD, "since": "2024-03-01"})

    assert response.status_code == 302
    membership = ours.cluster.memberships.get(company=free_company)
    assert (membership.role, membership.since) == (Membership.Role.BOARD, datetime.date(2024, 3, 1))
    assert membership.history.latest().history_change_reason == PORTAL_CHANGE_REASON


def test_a_current_member_cannot_be_added_twice(manager_client, ours):
    url = reverse("portal:member-add", args=[ours.cluster.slug, ours.membership.company.pk])

    response = manager_client.post(url, {"role": Membership.Role.MEMBER})

    assert response.status_code == 200
    assert "already a member" in response.text
    assert ours.cluster.memberships.count() == 1


def test_add_a_new_company_as_member(manager_client, ours):
    response = manager_client.post(
        reverse("portal:member-new", args=[ours.cluster.slug]),
        {
            "company-name": "Riga Robotics SIA",
            "company-registration_number": "",
            "company-category": Company.Category.SME,
            "company-website": "https://robotics.example.lv/",
            "membership-role": Membership.Role.MEMBER,
            "membership-since": "2025-01-01",
        },
    )

    assert response.status_code == 302
    company = Company.objects.get(name="Riga Robotics SIA")
    assert company.slug == "riga-robotics-sia"
    assert ours.cluster.memberships.current().filter(company=company).exists()


def test_a_new_company_with_a_known_registration_number_is_refused(manager_client, ours, free_company):
    response = manager_client.post(
        reverse("portal:member-new", args=[ours.cluster.slug]),
        {
            "company-name": "Duplicate SIA",
            "company-registration_number": free_company.registration_number,
            "company-category": Company.Category.SME,
            "membership-role": Membership.Role.MEMBER,
        },
    )

    assert response.status_code == 200
    assert "Baltic Timber SIA already has this registration number" in response.text
    assert not Company.objects.filter(name="Duplicate SIA").exists()
    assert not Membership.objects.filter(company=free_company).exists()


def test_ending_a_membership_sets_until_and_keeps_the_company(manager_client, ours):
    url = reverse("portal:member-end", args=[ours.cluster.slug, ours.membership.pk])

    response = manager_client.post(url, {"until": "2024-06-30", "version": version_of(ours.membership)})

    assert response.status_code == 302
    ours.membership.refresh_from_db()
    assert ours.membership.until == datetime.date(2024, 6, 30)
    assert Company.objects.filter(pk=ours.membership.company_id).exists()
    assert manager_client.get(url).status_code == 404  # an ended membership cannot be ended again


@pytest.mark.parametrize(
    ("until", "message"),
    [
        ("2014-12-31", "cannot end before it starts"),
        (str(timezone.localdate() + datetime.timedelta(days=1)), "today or in the past"),
    ],
)
def test_a_membership_cannot_end_before_it_starts_or_in_the_future(manager_client, ours, until, message):
    url = reverse("portal:member-end", args=[ours.cluster.slug, ours.membership.pk])

    response = manager_client.post(url, {"until": until, "version": version_of(ours.membership)})

    assert response.status_code == 200
    assert message in response.text
    assert Membership.objects.get(pk=ours.membership.pk).until is None


def test_ended_memberships_are_listed_as_former_members(manager_client, ours):
    ended = MembershipFactory(cluster=ours.cluster, until=datetime.date(2020, 1, 1))

    url = reverse("portal:members", args=[ours.cluster.slug])

    assert list(manager_client.get(url).context["page"]) == [ours.membership]
    assert list(manager_client.get(url, {"show": "ended"}).context["page"]) == [ended]


# Contacts ------------------------------------------------------------------------------------------


def contact_data(**changes) -> dict:
    data = {
        "first_name": "Anna",
        "last_name": "Bērziņa",
        "position": "Project manager",
        "role": Contact.Role.PROJECT_MANAGER,
        "email": "anna@example.lv",
        "phone": "",
        "version": "",
    }
    return {**data, **changes}


def test_consent_to_public_display_is_recorded_with_its_evidence(manager_client, ours):
    url = reverse("portal:contacts", args=[ours.cluster.slug])

    manager_client.post(url, contact_data(is_public="on", consent_given_on="2024-05-02"))

    contact = ours.cluster.contacts.get(person__email="anna@example.lv")
    consent = contact.person.consents.get()
    assert (consent.given_on, consent.method, consent.recorded_by) == (
        datetime.date(2024, 5, 2),
        ConsentRecord.Method.PORTAL,
        ours.manager,
    )
    assert ours.cluster.name in consent.source
    assert consent.text_version
    assert contact.organisation == Contact.Organisation.CLUSTER
    assert Contact.objects.public().filter(pk=contact.pk).exists()


def test_consent_needs_the_day_it_was_given(manager_client, ours):
    url = reverse("portal:contacts", args=[ours.cluster.slug])

    response = manager_client.post(url, contact_data(is_public="on", consent_given_on=""))

    assert "consent_given_on" in response.context["form"].errors
    assert not ours.cluster.contacts.filter(person__email="anna@example.lv").exists()


def test_withdrawing_consent_keeps_the_record_and_hides_the_contact(manager_client, ours):
    contact = ours.contact
    ConsentRecordFactory(person=contact.person, given_on=datetime.date(2020, 5, 1))
    url = reverse("portal:contact-edit", args=[ours.cluster.slug, contact.pk])
    data = contact_data(first_name=contact.first_name, email=contact.email, version=version_of(contact))

    assert manager_client.post(url, data).status_code == 302

    consent = contact.person.consents.get()
    assert consent.withdrawn_at is not None and consent.withdrawn_by == ours.manager
    assert consent.given_on == datetime.date(2020, 5, 1)
    assert not Contact.objects.public().filter(pk=contact.pk).exists()


def test_keeping_consent_keeps_its_original_record(manager_client, ours):
    contact = ours.contact
    ConsentRecordFactory(person=contact.person, given_on=datetime.date(2020, 5, 1))
    url = reverse("portal:contact-edit", args=[ours.cluster.slug, contact.pk])
    data = contact_data(
        email=contact.email,
        position="Director",
        is_public="on",
        consent_given_on="2020-05-01",
        version=version_of(contact),
    )

    manager_client.post(url, data)

    contact.refresh_from_db()
    assert contact.position == "Director"
    assert [consent.given_on for consent in contact.person.consents.current()] == [datetime.date(2020, 5, 1)]


def test_an_email_of_another_contact_of_the_same_cluster_is_refused_next_to_the_field(manager_client, ours):
    response = manager_client.post(
        reverse("portal:contacts", args=[ours.cluster.slug]), contact_data(email=ours.contact.email.upper())
    )

    assert response.status_code == 200
    assert "Another contact person of this cluster" in str(response.context["form"].errors["email"])
    assert ours.cluster.contacts.count() == 1


def test_remove_a_contact_person(manager_client, ours):
    url = reverse("portal:contact-delete", args=[ours.cluster.slug, ours.contact.pk])

    assert manager_client.post(url).status_code == 302

    assert not Contact.objects.filter(pk=ours.contact.pk).exists()
    deleted = Contact.history.filter(id=ours.contact.pk).latest()
    assert (deleted.history_type, deleted.history_change_reason) == ("-", PORTAL_CHANGE_REASON)


def test_user_entered_text_is_escaped_on_portal_pages(manager_client, ours):
    ours.contact.person.first_name = "<script>alert(1)</script>"
    ours.contact.person.save()

    response = manager_client.get(reverse("portal:contacts", args=[ours.cluster.slug]))

    assert "<script>alert(1)</script>" not in response.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in response.text


def png_bytes() -> bytes:
    buffer = BytesIO()
    Image.new("RGB", (40, 20), "navy").save(buffer, format="PNG")
    return buffer.getvalue()


def test_upload_a_logo(manager_client, ours, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    logo = SimpleUploadedFile("logo.png", png_bytes(), content_type="image/png")

    response = manager_client.post(
        reverse("portal:profile", args=[ours.cluster.slug]), {**profile_data(ours.cluster), "logo": logo}
    )

    assert response.status_code == 302
    cluster = Cluster.objects.get(pk=ours.cluster.pk)
    assert cluster.logo.name.startswith("logos/logo")
    assert (tmp_path / cluster.logo.name).read_bytes() == png_bytes()


def test_a_logo_that_is_not_an_image_is_refused(manager_client, ours, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    fake = SimpleUploadedFile("logo.png", b"<svg onload=alert(1)>", content_type="image/png")

    response = manager_client.post(
        reverse("portal:profile", args=[ours.cluster.slug]), {**profile_data(ours.cluster), "logo": fake}
    )

    assert response.status_code == 200
    assert "logo" in response.context["form"].errors
    assert not Cluster.objects.get(pk=ours.cluster.pk).logo
    assert list(tmp_path.iterdir()) == []


# An edit posted without the version --------------------------------------------------------------

MISSING_VERSION = "This form was sent without the version of the record"


def _without_version(data: dict) -> dict:
    return {key: value for key, value in data.items() if key != "version"}


def test_a_profile_edit_without_the_version_is_refused_and_nothing_saved(manager_client, ours):
    url = reverse("portal:profile", args=[ours.cluster.slug])

    response = manager_client.post(url, _without_version(profile_data(ours.cluster, city="Cēsis")))

    assert response.status_code == 200
    assert MISSING_VERSION in response.text
    assert Cluster.objects.get(pk=ours.cluster.pk).city == ours.cluster.city


def test_ending_a_membership_without_the_version_is_refused(manager_client, ours):
    url = reverse("portal:member-end", args=[ours.cluster.slug, ours.membership.pk])

    response = manager_client.post(url, {"until": "2024-06-30"})

    assert response.status_code == 200
    assert MISSING_VERSION in response.text
    assert Membership.objects.get(pk=ours.membership.pk).until is None


def test_a_contact_edit_without_the_version_is_refused(manager_client, ours):
    contact = ours.contact
    url = reverse("portal:contact-edit", args=[ours.cluster.slug, contact.pk])
    data = contact_data(first_name=contact.first_name, email=contact.email, position="Director")

    response = manager_client.post(url, _without_version(data))

    assert response.status_code == 200
    assert MISSING_VERSION in response.text
    assert Contact.objects.get(pk=contact.pk).position != "Director"


def test_a_figures_edit_without_the_version_is_refused(manager_client, ours):
    url = reverse("portal:figures-edit", args=[ours.cluster.slug, ours.rejected.pk])

    response = manager_client.post(url, _without_version(figures_data(year=LAST_YEAR, export_eur=100)))

    assert response.status_code == 200
    assert MISSING_VERSION in response.text
    assert YearlyFigures.objects.get(pk=ours.rejected.pk).status == YearlyFigures.Status.REJECTED
