"""The public directory pages: what they show, what they hide, and how many queries they cost."""

import pytest
from django.urls import reverse

from clusters.models import Cluster, Company, YearlyFigures
from tests.directory.directory_data import build_directory
from tests.factories import (
    ClusterFactory,
    CompanyFactory,
    ContactFactory,
    MembershipFactory,
    NetworkFiguresFactory,
    SectorFactory,
    UserFactory,
    YearlyFiguresFactory,
)

pytestmark = pytest.mark.django_db


def names_on(response) -> list[str]:
    return [cluster.name for cluster in response.context["page"]]


# Each page's queries, pinned with 1 and with 21 rows so that a query per row shows as a failure.
PAGE_QUERIES = [
    # + 5: which years are complete (3), the clusters' reported members, the unique companies listed.
    ("home", lambda clusters: reverse("clusters:home"), 8),
    ("cluster list", lambda clusters: reverse("clusters:cluster-list"), 4),
    (
        "cluster list, filtered",
        lambda clusters: (
            reverse("clusters:cluster-list") + "?q=timber&sector=timber&lcn_member=1&ordering=-export"
        ),
        8,  # + 3: which years are complete, to compare the latest complete one
    ),
    ("cluster profile", lambda clusters: clusters[0].get_absolute_url(), 7),
    ("company list", lambda clusters: reverse("clusters:company-list"), 4),
    (
        "company list, filtered",
        lambda clusters: (
            reverse("clusters:company-list")
            + f"?q=company&cluster={clusters[0].slug}&sector=timber&category=sme"
        ),
        7,
    ),
    ("company profile", lambda clusters: Company.objects.first().get_absolute_url(), 3),
    ("programme list", lambda clusters: reverse("programmes:programme-list"), 1),
    (
        "programme profile",
        lambda clusters: reverse("programmes:programme-detail", args=["cluster-programme"]),
        4,
    ),
    ("statistics", lambda clusters: reverse("clusters:statistics"), 10),
]


@pytest.mark.parametrize("rows", [1, 21])
@pytest.mark.parametrize(("page", "url", "queries"), PAGE_QUERIES, ids=[row[0] for row in PAGE_QUERIES])
def test_queries_per_page_do_not_grow_with_the_rows(
    client, django_assert_num_queries, rows, page, url, queries
):
    clusters = build_directory(rows)
    address = url(clusters)
    with django_assert_num_queries(queries):
        response = client.get(address)
    assert response.status_code == 200


def test_home_shows_the_latest_network_figures(client):
    NetworkFiguresFactory(year=2017, members=500)
    NetworkFiguresFactory(
        year=2018, members=580, turnover_eur=1_762_000_000, export_eur=610_000_000, consultation_hours=28_711
    )
    response = client.get(reverse("clusters:home"))
    content = response.content.decode()
    assert "The network in 2018" in content
    assert "1,762,000,000" in content
    assert "28,711" in content
    assert "The network in 2017" not in content


def test_home_renders_without_any_network_data(client):
    response = client.get(reverse("clusters:home"))
    assert response.status_code == 200
    assert "figures have not been published yet" in response.content.decode()


def test_cluster_list_shows_latest_approved_figures_not_drafts(client):
    cluster = ClusterFactory(name="Green Energy")
    YearlyFiguresFactory(cluster=cluster, year=2016, members=10)
    YearlyFiguresFactory(cluster=cluster, year=2017, members=12)
    YearlyFiguresFactory(cluster=cluster, year=2018, members=99, status=YearlyFigures.Status.SUBMITTED)
    response = client.get(reverse("clusters:cluster-list"))
    [listed] = response.context["page"]
    assert (listed.latest_year, listed.latest_members) == (2017, 12)
    assert "99" not in response.content.decode().split("<main")[1]


def test_cluster_list_hides_inactive_clusters(client):
    ClusterFactory(name="Working")
    ClusterFactory(name="Closed", is_active=False)
    assert names_on(client.get(reverse("clusters:cluster-list"))) == ["Working"]


def test_search_finds_clusters_by_member_company_once_however_many_members_match(client):
    cluster = ClusterFactory(name="Wood")
    for number in range(3):
        MembershipFactory(cluster=cluster, company=CompanyFactory(name=f"Timberland {number} SIA"))
    ClusterFactory(name="Unrelated")
    response = client.get(reverse("clusters:cluster-list"), {"q": "timberland"})
    assert names_on(response) == ["Wood"]
    assert response.context["page"].paginator.count == 1


def test_search_ignores_former_members(client):
    cluster = ClusterFactory(name="Wood")
    MembershipFactory(cluster=cluster, company=CompanyFactory(name="Gone SIA"), until="2016-01-01")
    assert names_on(client.get(reverse("clusters:cluster-list"), {"q": "gone"})) == []


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"q": "photonic"}, ["Photonics"]),  # name
        ({"q": "lasers"}, ["Photonics"]),  # description
        ({"q": "forestry"}, ["Wood"]),  # sector name
        ({"sector": "forestry"}, ["Wood"]),
        ({"lcn_member": "1"}, ["Photonics"]),
        ({"ordering": "-members"}, ["Wood", "Photonics"]),
        ({"ordering": "-turnover"}, ["Photonics", "Wood"]),
        ({"ordering": "-export"}, ["Wood", "Photonics"]),
        ({"ordering": "name"}, ["Photonics", "Wood"]),
    ],
)
def test_cluster_list_search_filters_and_sorting(client, query, expected):
    forestry = SectorFactory(name="Forestry", slug="forestry")
    wood = ClusterFactory(name="Wood", lcn_member=False, description="Sawmills", sectors=[forestry])
    photonics = ClusterFactory(name="Photonics", description="Lasers and optics")
    YearlyFiguresFactory(cluster=wood, members=50, turnover_eur=10, export_eur=9)
    YearlyFiguresFactory(cluster=photonics, members=20, turnover_eur=100, export_eur=5)
    assert names_on(client.get(reverse("clusters:cluster-list"), query)) == expected


def test_sorting_by_figures_puts_clusters_without_figures_last(client):
    YearlyFiguresFactory(cluster=ClusterFactory(name="B with figures"), members=5)
    ClusterFactory(name="A without figures")
    response = client.get(reverse("clusters:cluster-list"), {"ordering": "-members"})
    assert names_on(response) == ["B with figures", "A without figures"]


def test_unknown_sector_or_ordering_shows_the_error_and_no_rows(client):
    ClusterFactory()
    response = client.get(reverse("clusters:cluster-list"), {"sector": "no-such-sector"})
    assert names_on(response) == []
    assert "Select a valid choice" in response.content.decode()


def test_cluster_list_is_paginated_keeping_the_query(client):
    for number in range(25):
        ClusterFactory(name=f"Timber {number:02d}")
    first = client.get(reverse("clusters:cluster-list"), {"q": "timber"})
    assert len(first.context["page"]) == 20
    assert 'href="?q=timber&amp;page=2"' in first.content.decode()
    second = client.get(reverse("clusters:cluster-list"), {"q": "timber", "page": 2})
    assert names_on(second) == [f"Timber {number}" for number in range(20, 25)]


def test_cluster_profile_shows_approved_figures_public_contacts_members_and_projects(client):
    [cluster] = build_directory(1)
    response = client.get(cluster.get_absolute_url())
    content = response.content.decode()
    assert [row["year"] for row in response.context["figure_rows"]] == [2016, 2017]
    assert "999" not in content  # the draft year's members
    assert "Public0" in content
    assert "Private0" not in content
    assert cluster.memberships.get().company.name in content
    assert cluster.projects.get().title in content
    assert content.count('<svg class="chart"') == 3
    assert 'role="img" aria-labelledby="cluster-members-title cluster-members-desc"' in content


def test_cluster_profile_without_figures_has_no_charts(client):
    cluster = ClusterFactory()
    response = client.get(cluster.get_absolute_url())
    assert response.status_code == 200
    assert "No approved figures yet." in response.content.decode()
    assert "<svg" not in response.content.decode()


def test_cluster_profile_lists_only_current_members(client):
    cluster = ClusterFactory()
    MembershipFactory(cluster=cluster, company=CompanyFactory(name="Stays SIA"))
    MembershipFactory(cluster=cluster, company=CompanyFactory(name="Left SIA"), until="2017-01-01")
    content = client.get(cluster.get_absolute_url()).content.decode()
    assert "Stays SIA" in content
    assert "Left SIA" not in content
    assert "1 current member<" in content


def test_cluster_profile_puts_reported_and_listed_members_side_by_side(client):
    cluster = ClusterFactory()
    YearlyFiguresFactory(cluster=cluster, year=2017, members=43)
    YearlyFiguresFactory(cluster=cluster, year=2016, members=40)
    for _ in range(5):
        MembershipFactory(cluster=cluster)

    content = client.get(cluster.get_absolute_url()).content.decode()

    assert "43 members reported for 2017 · 5 listed here" in content
    assert "entered in the directory so far" in content


def test_cluster_profile_says_when_no_members_are_listed(client):
    cluster = ClusterFactory()
    content = client.get(cluster.get_absolute_url()).content.decode()
    assert "No member companies are listed yet." in content
    assert "0 current members" not in content


def test_inactive_cluster_profile_is_not_found(client):
    cluster = ClusterFactory(is_active=False)
    assert client.get(cluster.get_absolute_url()).status_code == 404


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"q": "baltic"}, ["Baltic Wood SIA"]),
        ({"cluster": "photonics"}, ["Laser Works SIA"]),
        ({"sector": "forestry"}, ["Baltic Wood SIA"]),
        ({"category": "university"}, ["Laser Works SIA"]),
        ({}, ["Baltic Wood SIA", "Laser Works SIA"]),
    ],
)
def test_company_list_search_and_filters(client, query, expected):
    forestry = SectorFactory(name="Forestry", slug="forestry")
    photonics = ClusterFactory(name="Photonics", slug="photonics")
    MembershipFactory(company=CompanyFactory(name="Baltic Wood SIA", sector=forestry))
    laser = CompanyFactory(name="Laser Works SIA", category=Company.Category.UNIVERSITY)
    MembershipFactory(company=laser, cluster=photonics)
    response = client.get(reverse("clusters:company-list"), query)
    assert [company.name for company in response.context["page"]] == expected


def test_company_list_pages_without_counting(client):
    for number in range(51):
        CompanyFactory(name=f"Company {number:02d}")
    first = client.get(reverse("clusters:company-list"))
    assert len(first.context["page"].object_list) == 50
    assert "Page 1" in first.content.decode()
    last = client.get(reverse("clusters:company-list"), {"page": "2"})
    assert [company.name for company in last.context["page"]] == ["Company 50"]
    assert not last.context["page"].has_next()


def test_company_profile_shows_memberships_of_public_clusters_only(client):
    company = CompanyFactory()
    MembershipFactory(company=company, cluster=ClusterFactory(name="Open Cluster"))
    MembershipFactory(company=company, cluster=ClusterFactory(name="Closed Cluster", is_active=False))
    content = client.get(company.get_absolute_url()).content.decode()
    assert "Open Cluster" in content
    assert "Closed Cluster" not in content


def test_pages_refuse_post(client):
    assert client.post(reverse("clusters:cluster-list")).status_code == 405


SCRIPT = "<script>alert(1)</script>"


def test_a_cluster_named_like_a_script_reads_as_text_everywhere(client):
    cluster = ClusterFactory(name=SCRIPT, slug="script", description=SCRIPT, website="https://example.lv/")
    YearlyFiguresFactory(cluster=cluster)
    company = CompanyFactory(name=SCRIPT)
    MembershipFactory(cluster=cluster, company=company)
    pages = [
        cluster.get_absolute_url(),
        reverse("clusters:cluster-list"),
        reverse("clusters:company-list"),
        company.get_absolute_url(),
        reverse("clusters:statistics"),
    ]
    for url in pages:
        content = client.get(url).content.decode()
        assert SCRIPT not in content, url
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in content, url
    profile = client.get(cluster.get_absolute_url()).content.decode()
    # In the JSON-LD the name is JSON-escaped, so it cannot close the <script> element.
    assert '"name": "\\u003Cscript\\u003Ealert(1)\\u003C/script\\u003E"' in profile
    assert profile.count("</script>") == 1


def test_public_cluster_queryset_methods_keep_one_row_per_cluster():
    cluster = ClusterFactory(sectors=[SectorFactory(), SectorFactory()])
    for number in range(3):
        MembershipFactory(cluster=cluster, company=CompanyFactory(name=f"Match {number} SIA"))
    assert Cluster.objects.for_directory().search("match").count() == 1
    assert Cluster.objects.for_directory().search("").count() == 1


def test_filter_form_keeps_the_chosen_options(client):
    SectorFactory(name="Forestry", slug="forestry")
    ClusterFactory(name="Wood", slug="wood")
    clusters = client.get(reverse("clusters:cluster-list"), {"sector": "forestry", "ordering": "-export"})
    assert '<option value="forestry" selected>Forestry</option>' in clusters.content.decode()
    assert '<option value="-export" selected>Largest export</option>' in clusters.content.decode()
    companies = client.get(reverse("clusters:company-list"), {"cluster": "wood"})
    assert '<option value="wood" selected>Wood</option>' in companies.content.decode()


def test_company_list_cluster_filter_ignores_inactive_clusters(client):
    closed = ClusterFactory(slug="closed", is_active=False)
    MembershipFactory(cluster=closed)
    response = client.get(reverse("clusters:company-list"), {"cluster": "closed"})
    assert list(response.context["page"]) == []
    assert "Select a valid choice" in response.content.decode()


@pytest.mark.parametrize("page", ["abc", "0", "-1", ""])
def test_company_list_treats_a_bad_page_number_as_the_first_page(client, page):
    CompanyFactory(name="Only SIA")
    response = client.get(reverse("clusters:company-list"), {"page": page})
    assert response.context["page"].number == 1
    assert [company.name for company in response.context["page"]] == ["Only SIA"]


def test_company_search_by_registration_number_prefix(client):
    CompanyFactory(name="Numbered SIA", registration_number="40103000001")
    CompanyFactory(name="Other SIA", registration_number="50103000001")
    response = client.get(reverse("clusters:company-list"), {"q": "4010"})
    assert [company.name for company in response.context["page"]] == ["Numbered SIA"]


def test_a_public_contact_reads_the_same_on_cluster_company_and_network_pages(client):
    cluster = ClusterFactory()
    company = CompanyFactory()
    details = {"first_name": "Ilze", "position": "Coordinator", "phone": "+37167123456", "is_public": True}
    ContactFactory(cluster=cluster, last_name="Cluster", **details)
    ContactFactory(organisation="company", cluster=None, company=company, last_name="Company", **details)
    ContactFactory(organisation="network", cluster=None, last_name="Network", **details)

    pages = [
        client.get(cluster.get_absolute_url()).text,
        client.get(company.get_absolute_url()).text,
        client.get(reverse("clusters:contact")).text,
    ]

    for page, last_name in zip(pages, ["Cluster", "Company", "Network"], strict=True):
        assert f'<p class="mb-0 fw-semibold">Ilze {last_name}</p>' in page
        assert '<p class="mb-0">Coordinator</p>' in page
        assert '<a href="tel:+37167123456">+371 67 123 456</a>' in page


def test_yearly_figures_cells_read_the_same_on_the_profile_statistics_and_in_the_portal(client):
    cluster = ClusterFactory()
    YearlyFiguresFactory(cluster=cluster, year=2017, members=25, turnover_eur=1234567, export_eur=7654321)
    manager = UserFactory()
    cluster.managers.add(manager)
    cells = (
        '<td class="text-end figure-number">25</td>\n'
        '<td class="text-end figure-number">1,234,567</td>\n'
        '<td class="text-end figure-number">7,654,321</td>'
    )

    profile = client.get(cluster.get_absolute_url()).text
    statistics = client.get(reverse("clusters:statistics")).text
    client.force_login(manager)
    portal = client.get(reverse("portal:figures", args=[cluster.slug])).text

    assert cells in profile and cells in statistics and cells in portal


def test_a_cluster_profile_without_description_gives_its_facts_the_whole_row(client):
    # An empty description column left a blank block beside the facts on desktop.
    without = client.get(ClusterFactory(description="", website="https://a.lv").get_absolute_url()).text
    with_text = client.get(
        ClusterFactory(description="Kokapstrāde.", website="https://b.lv").get_absolute_url()
    ).text

    assert 'class="col-lg-8"' not in without and 'class="col-12"' in without
    assert 'class="col-lg-8"' in with_text and 'class="col-lg-4"' in with_text
