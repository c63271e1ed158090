"""Every named URL keeps the path it had before the public site moved into its own app."""

import pytest
from django.urls import reverse
from django.utils import translation

PATHS = [
    ("clusters:home", {}, "/"),
    ("clusters:cluster-list", {}, "/clusters/"),
    ("clusters:cluster-detail", {"slug": "latvian-it-cluster"}, "/clusters/latvian-it-cluster/"),
    ("clusters:company-list", {}, "/companies/"),
    ("clusters:company-detail", {"slug": "sia-ozols"}, "/companies/sia-ozols/"),
    ("clusters:statistics", {}, "/statistics/"),
    ("clusters:open-data", {}, "/open-data/"),
    ("clusters:open-data-clusters-json", {}, "/open-data/clusters.json"),
    ("clusters:open-data-clusters-csv", {}, "/open-data/clusters.csv"),
    ("clusters:open-data-companies-csv", {}, "/open-data/companies.csv"),
    ("programmes:programme-list", {}, "/programmes/"),
    ("programmes:programme-detail", {"slug": "ncp"}, "/programmes/ncp/"),
    ("robots-txt", {}, "/robots.txt"),
    ("sitemap-index", {}, "/sitemap.xml"),
    ("django.contrib.sitemaps.views.sitemap", {"section": "companies"}, "/sitemap-companies.xml"),
    ("portal:index", {}, "/portal/"),
    ("login", {}, "/accounts/login/"),
    ("admin:index", {}, "/admin/"),
]


# Files for machines, the same in both languages.
UNPREFIXED = {"robots-txt", "sitemap-index", "django.contrib.sitemaps.views.sitemap"}


@pytest.mark.parametrize(("name", "kwargs", "path"), PATHS)
def test_named_url_resolves_to_its_published_path(name, kwargs, path):
    # The published (plain) paths are the Latvian pages.
    with translation.override("lv"):
        assert reverse(name, kwargs=kwargs) == path


@pytest.mark.parametrize(("name", "kwargs", "path"), PATHS)
def test_english_pages_live_under_en(name, kwargs, path):
    with translation.override("en"):
        assert reverse(name, kwargs=kwargs) == (path if name in UNPREFIXED else "/en" + path)
