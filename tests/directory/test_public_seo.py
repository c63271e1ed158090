"""What search engines and link previews read: sitemap, robots.txt, canonical links, Open Graph, JSON-LD."""

import json
import re

import pytest
from django.urls import reverse

from clusters.models import Company
from directory.sitemaps import ItemsInEachLanguage
from tests.factories import ClusterFactory, CompanyFactory, ProgrammeFactory

pytestmark = pytest.mark.django_db


def test_sitemap_index_lists_every_section(client):
    content = client.get("/sitemap.xml").content.decode()
    for section in ("pages", "clusters", "companies", "programmes"):
        assert f"http://testserver/sitemap-{section}.xml" in content


def test_sitemaps_list_public_clusters_companies_and_programmes(client):
    ClusterFactory(slug="open")
    ClusterFactory(slug="closed", is_active=False)
    CompanyFactory(slug="laser-works")
    ProgrammeFactory(slug="erdf-clusters")
    assert "http://testserver/clusters/open/" in client.get("/sitemap-clusters.xml").content.decode()
    assert "closed" not in client.get("/sitemap-clusters.xml").content.decode()
    assert "/companies/laser-works/" in client.get("/sitemap-companies.xml").content.decode()
    assert "/programmes/erdf-clusters/" in client.get("/sitemap-programmes.xml").content.decode()
    assert "http://testserver/statistics/" in client.get("/sitemap-pages.xml").content.decode()


def test_robots_txt_points_to_the_sitemap_and_keeps_crawlers_out_of_private_areas(client):
    response = client.get("/robots.txt")
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert "Sitemap: http://testserver/sitemap.xml" in lines
    assert "Disallow: /admin/" in lines
    assert "Disallow: /portal/" in lines


def test_profile_has_canonical_link_open_graph_and_organization_data(client):
    cluster = ClusterFactory(name="Green Energy", slug="green-energy", website="https://green.example.lv/")
    content = client.get(cluster.get_absolute_url() + "?page=1").content.decode()
    assert '<link rel="canonical" href="http://testserver/en/clusters/green-energy/">' in content
    assert '<meta property="og:title" content="Green Energy">' in content
    assert '<meta property="og:url" content="http://testserver/en/clusters/green-energy/">' in content
    [data] = re.findall(r'<script type="application/ld\+json">(.*?)</script>', content, re.S)
    organization = json.loads(data)
    assert organization["@type"] == "Organization"
    assert organization["name"] == "Green Energy"
    assert organization["sameAs"] == ["https://green.example.lv/"]


def test_every_page_names_the_network_as_an_organization(client):
    content = client.get(reverse("clusters:statistics")).content.decode()
    [data] = re.findall(r'<script type="application/ld\+json">(.*?)</script>', content, re.S)
    assert json.loads(data)["url"] == "http://testserver/en/"


def test_bilingual_sitemap_pages_hold_every_company_in_both_languages_once():
    for number in range(5):
        CompanyFactory(name=f"Company {number}", slug=f"company-{number}")
    queryset = Company.objects.order_by("pk").values_list("slug", flat=True)
    pairs = ItemsInEachLanguage(queryset, ["lv", "en"])
    everything = [(slug, language) for slug in queryset for language in ["lv", "en"]]
    assert pairs.count() == len(everything) == 10
    for size in (1, 3, 4, 7):
        paged = [pair for start in range(0, 10, size) for pair in pairs[start : start + size]]
        assert paged == everything, size
    assert pairs[3] == everything[3]
