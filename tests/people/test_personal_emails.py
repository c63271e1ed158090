"""An organisation's general e-mail that looks personal is not published until staff confirm it."""

import io
import json

import openpyxl
import pytest
from django.core.management import call_command
from django.urls import reverse

from clusters.models import Cluster
from people.emails import looks_personal
from tests.factories import ClusterFactory, ContactFactory, UserFactory

pytestmark = pytest.mark.django_db

FOOD = "Food Product Quality Cluster"
CHAIR_EMAIL = "armands.lejas-krumins@lpuf.lv"


@pytest.mark.parametrize(
    ("email", "personal"),
    [
        ("armands.lejas-krumins@lpuf.lv", True),
        ("ilgmars.purmalis@letera.lv", True),
        ("gunta@healthtravellatvia.lv", True),
        ("ieva@lpua.lv", True),
        ("Gatis@woodhouses.lv", True),
        ("a.berzina@example.lv", True),
        ("Ģirts@example.lv", True),
        ("info@greentechlatvia.eu", False),
        ("itcluster@itbaltic.com", False),
        ("cluster@chamber.lv", False),
        ("klasteris@federacija.lv", False),
        ("masoc@masoc.lv", False),
        ("info.lv@example.lv", False),
        ("", False),
    ],
)
def test_addresses_that_read_like_a_person(email, personal):
    assert looks_personal(email) is personal


@pytest.fixture
def seeded():
    call_command("load_seed", stdout=io.StringIO())


def public_outputs(client, cluster: Cluster) -> str:
    """Everything public that could carry a cluster's e-mail: profile (with JSON-LD), open data, sitemaps."""
    pages = [cluster.get_absolute_url(), reverse("clusters:open-data-clusters-json")]
    pages += [reverse("sitemap-index"), "/sitemap-clusters.xml", "/sitemap-pages.xml"]
    texts = [client.get(page).content.decode() for page in pages]
    response = client.get(reverse("clusters:open-data-clusters-csv"))
    texts.append(b"".join(response.streaming_content).decode())
    return "\n".join(texts).lower()


def test_the_seeds_personal_general_emails_are_not_published(client, seeded):
    food = Cluster.objects.get(name=FOOD)
    assert food.email == CHAIR_EMAIL  # the chairperson's own address, from the presentation's table

    held_back = {
        cluster.name
        for cluster in Cluster.objects.with_email_check()
        if cluster.email and not cluster.public_email
    }

    assert len(held_back) == 5 and FOOD in held_back
    everything = public_outputs(client, food)
    assert CHAIR_EMAIL not in everything
    for cluster in Cluster.objects.filter(name__in=held_back):
        assert cluster.email.lower() not in public_outputs(client, cluster)
    document = json.loads(client.get(reverse("clusters:open-data-clusters-json")).content)
    published = {item["name"]: item["email"] for item in document["clusters"]}
    assert published[FOOD] == ""
    assert published["Green-tech Latvia"] == "info@greentechlatvia.eu"


def test_an_address_of_a_contact_person_is_held_back_even_when_it_reads_like_an_office():
    cluster = ClusterFactory(email="office-anna@example.lv")
    ContactFactory(email="office-anna@example.lv", cluster=ClusterFactory())

    assert Cluster.objects.with_email_check().get(pk=cluster.pk).public_email == ""


def test_staff_see_the_held_back_addresses_and_confirm_one(client, staff_client, seeded):
    changelist = reverse("admin:clusters_cluster_changelist")

    listed = staff_client.get(changelist, {"email_review": "held"})

    assert FOOD in listed.text
    assert "Green-tech Latvia" not in listed.text
    food = Cluster.objects.get(name=FOOD)
    response = staff_client.post(
        changelist, {"action": "confirm_general_email", "_selected_action": [food.pk]}, follow=True
    )
    assert response.status_code == 200
    food.refresh_from_db()
    assert food.email_confirmed == CHAIR_EMAIL
    assert CHAIR_EMAIL in client.get(food.get_absolute_url()).text.replace(
        '<span class="email-at">&#64;</span>', "@"
    )
    assert food.history.latest().history_change_reason == "general e-mail confirmed by staff"


def test_the_staff_dashboard_lists_the_held_back_addresses(staff_client, seeded):
    page = staff_client.get(reverse("admin:index")).text

    assert CHAIR_EMAIL in page and "gunta@healthtravellatvia.lv" in page
    assert "info@greentechlatvia.eu" not in page


def test_a_changed_general_email_needs_confirming_again(client):
    cluster = ClusterFactory(email="anna@example.lv", email_confirmed="anna@example.lv")
    assert Cluster.objects.with_email_check().get(pk=cluster.pk).public_email == "anna@example.lv"

    Cluster.objects.filter(pk=cluster.pk).update(email="peteris@example.lv")

    assert Cluster.objects.with_email_check().get(pk=cluster.pk).public_email == ""


def test_public_addresses_are_not_in_the_page_as_one_string_and_the_link_still_writes_to_them(client):
    cluster = ClusterFactory(email="info@green.example.lv")
    ContactFactory(cluster=cluster, email="anna.liepa@green.example.lv", is_public=True)

    page = client.get(cluster.get_absolute_url()).text

    assert "mailto:" not in page
    assert "anna.liepa@green.example.lv" not in page and "info@green.example.lv" not in page
    assert 'anna.liepa<span class="email-at">&#64;</span>green.example.lv' in page
    redirect = client.get(reverse("clusters:write-to-cluster", args=[cluster.slug]))
    assert (redirect.status_code, redirect["Location"]) == (302, "mailto:info@green.example.lv")
    assert "noindex" in redirect["X-Robots-Tag"]


def test_the_write_link_of_a_person_without_consent_answers_404(client):
    contact = ContactFactory(is_public=False)

    assert client.get(reverse("clusters:write-to-contact", args=[contact.pk])).status_code == 404


def test_robots_keep_crawlers_off_the_write_links(client):
    assert "Disallow: /write/" in client.get("/robots.txt").text


def test_a_manager_is_told_when_the_general_email_is_held_back(client):
    cluster = ClusterFactory()
    manager = UserFactory()
    cluster.managers.add(manager)
    client.force_login(manager)
    data = {"description": "", "website": "", "email": "ieva@example.lv", "phone": "", "city": "Rīga"}
    data["version"] = Cluster.objects.get(pk=cluster.pk).updated_at.isoformat()

    response = client.post(reverse("portal:profile", args=[cluster.slug]), data, follow=True)

    assert "not published until the network" in response.text
    assert Cluster.objects.get(pk=cluster.pk).email == "ieva@example.lv"
    data = {
        **data,
        "email": "info@example.lv",
        "version": Cluster.objects.get(pk=cluster.pk).updated_at.isoformat(),
    }
    response = client.post(reverse("portal:profile", args=[cluster.slug]), data, follow=True)
    assert "not published until the network" not in response.text


def test_the_yearly_report_leaves_out_the_personal_general_emails(client, seeded):
    html = client.get("/reports/2017/").text.replace('<span class="email-at">&#64;</span>', "@")
    files = [client.get(f"/reports/2017.{kind}") for kind in ("csv", "xlsx")]
    assert all(response.status_code == 200 for response in files)
    bodies = [b"".join(r.streaming_content) if r.streaming else r.content for r in files]
    sheet = openpyxl.load_workbook(io.BytesIO(bodies[1])).active
    xlsx_text = " ".join(str(cell.value) for row in sheet.iter_rows() for cell in row)

    for text in (html, bodies[0].decode("utf-8-sig"), xlsx_text):
        assert CHAIR_EMAIL not in text and "gunta@healthtravellatvia.lv" not in text
        assert "info@greentechlatvia.eu" in text
