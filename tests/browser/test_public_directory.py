"""The public directory in a real browser: search, filter, sort, profiles, downloads, accessibility."""

import csv
import io
import json

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.browser.conftest import DESKTOP, PHONE
from tests.factories import ClusterFactory

pytestmark = pytest.mark.browser

PUBLIC_PAGES = {
    "home": "/",
    "clusters": "/clusters/",
    "cluster-profile": "/clusters/latvian-wood/",
    "companies": "/companies/",
    "company-profile": "/companies/baltic-lasers-sia/",
    "programmes": "/programmes/",
    "programme-profile": "/programmes/cluster-programme/",
    "statistics": "/statistics/",
    "open-data": "/open-data/",
    "privacy": "/privacy/",
}


def cluster_names(tab) -> list[str]:
    return tab.locator("main article h2 a").all_inner_texts()


def test_search_finds_a_cluster_by_a_member_company(live_server, directory, tab):
    tab.goto(live_server.url + "/en/clusters/")
    tab.get_by_label("Search").fill("baltic lasers")
    tab.get_by_role("button", name="Show").click()
    tab.wait_for_url("**/clusters/?q=baltic+lasers*")
    assert cluster_names(tab) == ["Photonics Cluster"]
    assert tab.get_by_role("status").inner_text() == "1 cluster found"


def test_filter_by_sector_and_membership_then_sort(live_server, directory, tab):
    tab.goto(live_server.url + "/en/clusters/")
    assert cluster_names(tab) == ["Food Products Cluster", "Latvian Wood Cluster", "Photonics Cluster"]

    tab.get_by_label("LCN members only").check()
    tab.get_by_label("Sort by").select_option(label="Largest turnover")
    tab.get_by_role("button", name="Show").click()
    tab.wait_for_url("**ordering=-turnover*")
    assert cluster_names(tab) == ["Photonics Cluster", "Latvian Wood Cluster"]

    tab.get_by_label("Sector").select_option(label="Wood and furniture")
    tab.get_by_role("button", name="Show").click()
    tab.wait_for_url("**sector=wood*")
    assert cluster_names(tab) == ["Latvian Wood Cluster"]
    # The choices survive the round trip, so the URL is the whole state of the view.
    assert tab.get_by_label("Sort by").input_value() == "-turnover"
    assert tab.get_by_label("LCN members only").is_checked()


def test_open_a_profile_with_figures_charts_and_members(live_server, directory, tab):
    tab.goto(live_server.url + "/en/clusters/?q=wood")
    tab.get_by_role("link", name="Latvian Wood Cluster").click()
    tab.wait_for_url("**/clusters/latvian-wood/")
    assert tab.get_by_role("heading", level=1).inner_text() == "Latvian Wood Cluster"
    figures = tab.get_by_role("table", name="Approved yearly figures")
    assert figures.locator("tbody tr").count() == 3
    chart = tab.get_by_role("img", name="Members of Latvian Wood Cluster by year")
    assert chart.is_visible()
    assert tab.get_by_role("link", name="Wood Company 0 SIA").is_visible()
    tab.get_by_role("link", name="Cluster programme 2016–2022").click()
    tab.wait_for_url("**/programmes/cluster-programme/")
    assert tab.get_by_role("table", name="Indicators of Wood cluster export project").is_visible()


def test_company_list_filters_by_cluster(live_server, directory, tab):
    tab.goto(live_server.url + "/en/companies/")
    tab.get_by_label("Cluster").select_option(label="Photonics Cluster")
    tab.get_by_role("button", name="Show").click()
    tab.wait_for_url("**cluster=photonics-cluster*")
    names = tab.locator("main tbody th").all_inner_texts()
    assert names == [
        "Baltic Lasers SIA",
        "Photonics Company 0 SIA",
        "Photonics Company 1 SIA",
        "Photonics Company 2 SIA",
    ]


def test_download_open_data_files(live_server, directory, tab):
    tab.goto(live_server.url + "/en/open-data/")
    with tab.expect_download() as download_info:
        tab.get_by_role("link", name="clusters.json").click()
    document = json.loads(download_info.value.path().read_text(encoding="utf-8"))
    assert document["licence"] == "CC BY 4.0"
    wood = next(cluster for cluster in document["clusters"] if cluster["slug"] == "latvian-wood")
    assert [row["year"] for row in wood["figures"]] == [2016, 2017, 2018]
    assert wood["figures"][0]["turnover_eur"] == 50_000_000

    with tab.expect_download() as download_info:
        tab.get_by_role("link", name="companies.csv").click()
    assert download_info.value.suggested_filename == "companies.csv"
    rows = list(csv.DictReader(io.StringIO(download_info.value.path().read_text(encoding="utf-8"))))
    assert len(rows) == 10
    assert {"name": "Baltic Lasers SIA", "clusters": "photonics-cluster"}.items() <= next(
        row for row in rows if row["name"] == "Baltic Lasers SIA"
    ).items()


def test_a_cluster_named_like_a_script_is_shown_as_text_and_never_runs(live_server, directory, tab):
    ClusterFactory(name="<script>alert(1)</script>", slug="script-cluster")
    dialogs = []
    tab.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    for path in ("/en/clusters/", "/clusters/script-cluster/", "/statistics/"):
        tab.goto(live_server.url + path)
    assert tab.url.endswith("/statistics/")
    tab.goto(live_server.url + "/en/clusters/script-cluster/")
    assert tab.get_by_role("heading", level=1).inner_text() == "<script>alert(1)</script>"
    assert dialogs == []


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_public_pages_have_no_serious_accessibility_violations(live_server, directory, tab, viewport):
    tab.set_viewport_size(viewport)
    axe = Axe()
    problems = {}
    # Both languages: Latvian at the plain addresses, English under /en/.
    pages = {**PUBLIC_PAGES, **{f"{name} (en)": "/en" + path for name, path in PUBLIC_PAGES.items()}}
    for name, path in pages.items():
        tab.goto(live_server.url + path)
        violations = axe.run(tab).response["violations"]
        serious = [
            f"{violation['id']} at {node['target']}: {node['failureSummary']}"
            for violation in violations
            # Any language problem counts: a screen reader would read the page with the wrong voice.
            if violation["impact"] in {"serious", "critical"} or "lang" in violation["id"]
            for node in violation["nodes"]
        ]
        if serious:
            problems[name] = serious
    assert not problems, "\n".join(
        f"{page}: {problem}" for page, found in problems.items() for problem in found
    )


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_screenshots_of_the_main_pages(live_server, directory, tab, screenshots_dir, viewport):
    tab.set_viewport_size(viewport)
    width = "phone" if viewport == PHONE else "desktop"
    for name, path in PUBLIC_PAGES.items():
        tab.goto(live_server.url + path)
        target = screenshots_dir / f"{name}-{width}.png"
        tab.screenshot(path=str(target), full_page=True)
        assert target.stat().st_size > 5_000
        # Nothing may be wider than the screen: a phone must never scroll sideways.
        assert tab.evaluate("document.documentElement.scrollWidth") <= viewport["width"], name
