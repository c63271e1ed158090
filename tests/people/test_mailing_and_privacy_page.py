"""Mailing lists leave out people who objected and name the lawful basis; the privacy page is linked."""

import csv
import datetime
import io

import openpyxl
import pytest
from django.urls import reverse
from django.utils import translation

from clusters.mailing import mailing_list_rows
from clusters.models import Contact
from tests.factories import ClusterFactory, ConsentRecordFactory, ContactFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def clusters(db):
    chosen, other = ClusterFactory(name="Chosen"), ClusterFactory(name="Other")
    ContactFactory(cluster=chosen, last_name="Consenting", email="c@example.lv", role=Contact.Role.MANAGER)
    ConsentRecordFactory(
        person=Contact.objects.get(person__email="c@example.lv").person,
        purpose="mailings",
        given_on=datetime.date(2024, 1, 5),
    )
    ContactFactory(
        cluster=chosen, last_name="Interested", email="i@example.lv", role=Contact.Role.CHAIRPERSON
    )
    objected = ContactFactory(cluster=chosen, last_name="Objected", email="o@example.lv")
    objected.person.objected_to_mailings_on = datetime.date(2025, 1, 1)
    objected.person.save()
    ContactFactory(cluster=chosen, last_name="Nomail", email="")
    ContactFactory(cluster=chosen, last_name="Board", email="b@example.lv", role=Contact.Role.BOARD)
    ContactFactory(cluster=other, last_name="Elsewhere", email="e@example.lv")
    return chosen, other


def test_mailing_list_leaves_out_objections_and_gives_the_lawful_basis(clusters):
    chosen, _other = clusters

    rows = mailing_list_rows(clusters=[chosen], roles=[Contact.Role.MANAGER, Contact.Role.CHAIRPERSON])

    assert [row[1] for row in rows] == ["Consenting", "Interested"]
    assert rows[0][4].startswith("Consent") and "2024-01-05" in rows[0][4]
    assert rows[1][4].startswith("Legitimate interest")
    assert rows[1][3] == "Chosen (Chairperson)"


def test_staff_export_the_mailing_list_as_xlsx_and_csv(clusters, staff_client):
    chosen, _other = clusters
    url = reverse("admin:clusters_cluster_changelist")
    data = {
        "action": "export_mailing_list",
        "_selected_action": [chosen.pk],
        "apply": "1",
        "roles": ["manager"],
    }

    form = staff_client.post(url, {"action": "export_mailing_list", "_selected_action": [chosen.pk]})
    assert form.status_code == 200 and "lawful basis" in form.text

    xlsx = staff_client.post(url, {**data, "file_format": "xlsx"})
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx.content)).active
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert values[0][:3] == ["first_name", "last_name", "email"]
    assert [row[1] for row in values[1:]] == ["Consenting"]

    text = staff_client.post(url, {**data, "file_format": "csv"}).content.decode()
    assert [row["email"] for row in csv.DictReader(io.StringIO(text))] == ["c@example.lv"]


@pytest.mark.parametrize(("language", "heading"), [("en", "Privacy notice"), ("lv", "Privātuma paziņojums")])
def test_the_privacy_page_in_both_languages(client, language, heading):
    with translation.override(language):
        url = reverse("clusters:privacy")

    response = client.get(url)

    assert response.status_code == 200
    assert heading in response.text
    assert "24" in response.text


def test_the_privacy_page_is_linked_from_the_footer_and_the_forms_taking_personal_data(client, db):
    privacy = reverse("clusters:privacy")
    assert f'href="{privacy}"' in client.get(reverse("clusters:home")).text
    from tests.portal.conftest import make_world

    world = make_world("Privacy Cluster")
    client.force_login(world.manager)
    for url in (
        reverse("portal:contacts", args=[world.cluster.slug]),
        reverse("portal:contact-edit", args=[world.cluster.slug, world.contact.pk]),
    ):
        assert f'href="{privacy}"' in client.get(url).text
