"""Search and sorting as a Latvian expects: accents, case and legal forms ignored, words before
fragments, the Latvian alphabet's order."""

import pytest
from django.db import connection
from django.urls import reverse

from clusters.models import Cluster, Company
from clusters.names import latvian_sort_key, search_key, sort_name
from portal.forms import CompanySearchForm
from tests.factories import ClusterFactory, CompanyFactory, MembershipFactory, SectorFactory

pytestmark = pytest.mark.django_db

NAMES = [
    'SIA "Ābeļziedi"',
    "AS Latvijas Gāze",
    "Biedrība „Kokapstrādes klasteris”",
    "Nodibinājums Ceļš uz Ķekavu",
    "Rīgas Ūdens, SIA",
    "A/S Žagata",
    "Latvian IT Cluster",
    "Food Product Quality",
    "SIA",
    "",
]


def company_names(queryset) -> list[str]:
    return [company.name for company in queryset]


def test_the_database_functions_agree_with_the_python_reference():
    with connection.cursor() as cursor:
        for name in NAMES:
            cursor.execute("SELECT lcn_search_key(%s), lcn_sort_name(%s)", [name, name])
            assert cursor.fetchone() == (search_key(name), sort_name(name)), name


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("abelziedi", 'SIA "Ābeļziedi"'),
        ("ĀBEĻZIEDI", 'SIA "Ābeļziedi"'),
        ("kokapstrade", "Biedrība „Kokapstrādes klasteris”"),
        ("apstrāde", "Biedrība „Kokapstrādes klasteris”"),
        ("latvijas gaze", "AS Latvijas Gāze"),
        ("rigas udens", "Rīgas Ūdens, SIA"),
        ("cels kekavu", "Nodibinājums Ceļš uz Ķekavu"),
    ],
)
def test_search_ignores_accents_case_and_legal_forms(query, expected):
    for name in NAMES[:6]:
        CompanyFactory(name=name)
    assert company_names(Company.objects.search(query)) == [expected]


def test_short_words_match_at_a_word_start_only():
    for name in ("Food Product Quality", "Latvian IT Cluster", "Security Systems", "City Bikes", "Itera"):
        CompanyFactory(name=name)
    assert company_names(Company.objects.search("it")) == ["Itera", "Latvian IT Cluster"]


def test_better_matches_come_first():
    for name in ("Baltic Laser Optics", "Laser", "Laser Baltic", "Optolaser"):
        CompanyFactory(name=name)
    assert company_names(Company.objects.search("laser")) == [
        "Laser",  # the whole name
        "Laser Baltic",  # the name's start
        "Baltic Laser Optics",  # a word's start
        "Optolaser",  # inside a word
    ]


def test_a_registration_number_still_finds_its_company():
    company = CompanyFactory(name="Ābeļziedi", registration_number="40003000000")
    assert list(Company.objects.search("4000300")) == [company]


def test_cluster_search_finds_by_name_sector_and_member_without_accents():
    wood = ClusterFactory(name="Kokapstrādes klasteris", description="")
    food = ClusterFactory(
        name="Pārtikas klasteris", description="", sectors=[SectorFactory(name="Piena pārstrāde")]
    )
    it = ClusterFactory(name="Latvian IT Cluster", description="")
    ClusterFactory(name="Food Product Quality Cluster", description="Security and city planning")
    MembershipFactory(cluster=wood, company=CompanyFactory(name='SIA "Ābeļziedi"'))
    assert list(Cluster.objects.search("kokapstrade")) == [wood]
    assert list(Cluster.objects.search("abelziedi")) == [wood]
    assert list(Cluster.objects.search("piena")) == [food]
    assert list(Cluster.objects.search("it")) == [it]


def test_sort_key_follows_the_latvian_alphabet():
    words = ["Žagata", "zīle", "Šķūnis", "sala", "Ķekava", "kuldīga", "Čiekurs", "Cēsis", "abols", "ābele"]
    assert sorted(words, key=latvian_sort_key) == [
        "ābele",
        "abols",
        "Cēsis",
        "Čiekurs",
        "kuldīga",
        "Ķekava",
        "sala",
        "Šķūnis",
        "zīle",
        "Žagata",
    ]


def test_lists_sort_like_a_latvian_dictionary(client):
    names = [
        "Latvian Security Cluster",
        "Latvian electronics cluster",
        "AS Zebra",
        "SIA Alfa",
        "Ķekava",
        "Kuldīga",
        "Čiekurs",
        "Cēsis",
    ]
    for name in names:
        CompanyFactory(name=name)
        ClusterFactory(name=name)
    expected = [
        "SIA Alfa",
        "Cēsis",
        "Čiekurs",
        "Kuldīga",
        "Ķekava",
        "Latvian electronics cluster",
        "Latvian Security Cluster",
        "AS Zebra",
    ]
    assert company_names(Company.objects.for_directory()) == expected
    assert [cluster.name for cluster in Cluster.objects.for_directory()] == expected
    html = client.get(reverse("clusters:company-list")).content.decode()
    options = html[html.index('<select name="cluster"') :]
    assert [options.index(f">{name}<") for name in expected] == sorted(
        options.index(f">{name}<") for name in expected
    )
    listing = html[html.index("</form>") :]
    positions = [listing.index(name) for name in expected]
    assert positions == sorted(positions)


def test_the_portal_finds_companies_to_add_as_the_directory_does():
    company = CompanyFactory(name='SIA "Ābeļziedi"', registration_number="40003123456")
    CompanyFactory(name="Quality Foods")
    assert list(CompanySearchForm({"q": "abelziedi"}).results()) == [company]
    assert list(CompanySearchForm({"q": "4000 3123 456"}).results()) == [company]
