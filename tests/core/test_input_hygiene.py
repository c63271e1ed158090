"""NUL characters in searches and bidirectional controls in text never get through."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from clusters.models import Cluster, Contact, YearlyFigures
from people.models import Person
from portal.forms import ClusterProfileForm
from programmes.models import Programme
from tests.factories import (
    ClusterFactory,
    CompanyFactory,
    ReportingRoundFactory,
    UserFactory,
    YearlyFiguresFactory,
)

pytestmark = pytest.mark.django_db


def test_admin_autocomplete_with_a_nul_character_is_a_bad_request_not_an_error(staff_client):
    CompanyFactory(name="Acme")
    response = staff_client.get(
        reverse("admin:autocomplete"),
        {"term": "\x00", "app_label": "clusters", "model_name": "membership", "field_name": "company"},
    )
    assert response.status_code == 400


@pytest.mark.parametrize("char", ["\u202e", "\u202a", "\u2066", "\u2069"])
def test_model_text_refuses_bidirectional_controls(char):
    cluster = ClusterFactory.build(name=f"Evil{char}Cluster", slug="evil")
    with pytest.raises(ValidationError) as error:
        cluster.full_clean()
    assert "name" in error.value.message_dict
    assert f"U+{ord(char):04X}" in error.value.message_dict["name"][0]


def test_programme_text_refuses_bidirectional_controls():
    programme = Programme(name="Programme", slug="p", description="plain \u202e text")
    with pytest.raises(ValidationError) as error:
        programme.full_clean(exclude=["starts_on", "ends_on"])
    assert "description" in error.value.message_dict


def test_the_portal_form_names_the_field_with_the_control_character():
    cluster = ClusterFactory(city="Riga")
    form = ClusterProfileForm(
        data={"city": "Ri\u202ega", "version": "", "website": "https://example.lv\u202e/moc"},
        instance=cluster,
    )
    assert not form.is_valid()
    assert "U+202E" in form.errors["city"][0]
    assert "website" in form.errors
    assert Cluster.objects.get(pk=cluster.pk).city == "Riga"


def test_ordinary_right_to_left_text_is_accepted():
    cluster = ClusterFactory.build(name="אשכול Cluster عنقود", slug="rtl")
    cluster.full_clean(exclude=["logo"])


# Forms whose text is saved without the model's own check carry the same rule.


def test_a_portal_contact_name_with_a_control_character_is_refused(client):
    cluster = ClusterFactory()
    manager = UserFactory()
    cluster.managers.add(manager)
    client.force_login(manager)

    response = client.post(
        reverse("portal:contacts", args=[cluster.slug]),
        {
            "first_name": "Anna",
            "last_name": "Evil\u202enimda",
            "role": Contact.Role.PROJECT_MANAGER,
            "version": "",
        },
    )

    assert response.status_code == 200
    assert "U+202E" in response.context["form"].errors["last_name"][0]
    assert not Person.objects.filter(first_name="Anna").exists()


def test_a_returning_reason_with_a_control_character_is_refused_on_the_round_dashboard(staff_client):
    round = ReportingRoundFactory()
    submitted = YearlyFiguresFactory(year=round.year, status=YearlyFigures.Status.SUBMITTED)

    staff_client.post(
        reverse("admin:reports_reportinground_review", args=[round.pk]),
        {"figures": submitted.pk, "decision": "return", "reason": "Fix\u2066 the export"},
    )

    submitted.refresh_from_db()
    assert (submitted.status, submitted.review_note) == (YearlyFigures.Status.SUBMITTED, "")


def test_a_rejection_reason_with_a_control_character_is_refused_in_the_figures_admin(staff_client):
    submitted = YearlyFiguresFactory(status=YearlyFigures.Status.SUBMITTED)

    response = staff_client.post(
        reverse("admin:clusters_yearlyfigures_changelist"),
        {"action": "reject_figures", "_selected_action": [submitted.pk], "apply": "1", "reason": "No\u202e"},
    )

    assert response.status_code == 200
    assert "U+202E" in response.text
    assert YearlyFigures.objects.get(pk=submitted.pk).status == YearlyFigures.Status.SUBMITTED


def test_imported_figures_keep_their_file_and_sheet_names_without_control_characters():
    figures = YearlyFiguresFactory.build()

    figures.set_imported(
        file_name="figures\u202exslx.exe", sheet="\u20672024\u2069", row=3, user=None, when=timezone.now()
    )

    assert (figures.import_file, figures.import_sheet) == ("figuresxslx.exe", "2024")
