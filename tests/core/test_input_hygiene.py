"""NUL characters in searches and bidirectional controls in text never get through."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from clusters.models import Cluster
from portal.forms import ClusterProfileForm
from programmes.models import Programme
from tests.factories import ClusterFactory, CompanyFactory

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
