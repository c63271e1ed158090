"""What people write, in both languages: seeded, edited side by side, shown in the page's language, and
the other language (marked with its lang) only where a text is missing."""

import io
import re

import pytest
from django.core.management import call_command
from django.urls import reverse

from clusters.models import Cluster
from clusters.services import version_of
from tests.factories import ClusterFactory, SectorFactory, UserFactory

pytestmark = pytest.mark.django_db


def main_text(html: str) -> str:
    """The visible text of <main>, tags removed."""
    main = html[html.index("<main") : html.index("</main>")]
    return re.sub(r"<[^>]+>", " ", main)


@pytest.fixture
def seeded():
    call_command("load_seed", stdout=io.StringIO())


def test_the_seed_reads_in_latvian_at_the_plain_address_and_in_english_under_en(client, seeded):
    latvian = main_text(client.get("/").content.decode())
    assert "Galvenais mērķis ir stiprināt klasterus Latvijā." in latvian
    assert "Pievienošanās Eiropas Klasteru aliansei" in latvian
    assert "Main objective" not in latvian
    english = main_text(client.get("/en/").content.decode())
    assert "Main objective is to strengthen Clusters in Latvia." in english
    assert "Galvenais mērķis" not in english


def test_programme_pages_say_eraf_in_latvian_and_erdf_in_english(client, seeded):
    latvian = main_text(client.get("/programmes/competence-centers-programme/").content.decode())
    assert "ERAF" in latvian
    assert "ERDF" not in latvian
    assert "Atbalstītie komersanti" in latvian
    assert "Kompetences centru programma" in latvian
    english = main_text(client.get("/en/programmes/competence-centers-programme/").content.decode())
    assert "ERDF" in english
    assert "ERAF" not in english
    assert "Supported enterprises" in english


def test_sector_names_follow_the_page_language(client, seeded):
    assert "Mežsaimniecība" in client.get("/clusters/").content.decode()
    assert "Forestry" in client.get("/en/clusters/").content.decode()


def test_a_missing_translation_shows_the_other_language_marked_with_its_lang(client):
    cluster = ClusterFactory(slug="wood", description_lv="", description_en="Wooden houses.")
    ClusterFactory(slug="food", description_lv="Pārtika.", description_en="Food.")
    html = client.get("/clusters/wood/").content.decode()
    assert '<div class="col-lg-8" lang="en"><p>Wooden houses.</p></div>' in html
    both = client.get("/clusters/food/").content.decode()
    assert '<div class="col-lg-8"><p>Pārtika.</p></div>' in both
    english = client.get("/en/clusters/food/").content.decode()
    assert '<div class="col-lg-8"><p>Food.</p></div>' in english
    assert cluster.description_lv == ""


def test_staff_edit_both_languages_side_by_side_in_the_admin(staff_client):
    cluster = ClusterFactory(sectors=[SectorFactory()])
    html = staff_client.get(reverse("admin:clusters_cluster_change", args=[cluster.pk])).content.decode()
    assert 'name="description_lv"' in html
    assert 'name="description_en"' in html
    sector_form = staff_client.get(reverse("admin:clusters_sector_add")).content.decode()
    assert 'name="name_lv"' in sector_form
    assert 'name="name_en"' in sector_form


def test_managers_write_the_description_in_both_languages_in_the_portal(client):
    cluster = ClusterFactory(slug="wood")
    manager = UserFactory()
    cluster.managers.add(manager)
    client.force_login(manager)
    url = reverse("portal:profile", args=[cluster.slug])
    form_html = client.get(url).content.decode()
    assert 'lang="lv"' in form_html
    response = client.post(
        url,
        {
            "description_lv": "Koka mājas.",
            "description_en": "Wooden houses.",
            "website": "",
            "email": "",
            "phone": "",
            "city": "",
            "version": version_of(cluster),
        },
    )
    assert response.status_code == 302
    cluster = Cluster.objects.get(pk=cluster.pk)
    assert (cluster.description_lv, cluster.description_en) == ("Koka mājas.", "Wooden houses.")


def test_the_network_figures_name_their_source_in_the_page_language(client, seeded):
    assert "Avots: <span>LKT prezentācija, 2019</span>" in client.get("/").content.decode()
    assert "Source: <span>LCN presentation, 2019</span>" in client.get("/en/").content.decode()
