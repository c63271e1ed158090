"""Playwright driving Debian's chromium against pytest-django's live server.

No browser is ever downloaded: without /usr/bin/chromium the tests skip, and on CI (CI=true) they fail.
"""

import os
import shutil
from decimal import Decimal
from pathlib import Path

import pytest

from clusters.models import Company, Network
from tests.factories import (
    ClusterFactory,
    CompanyFactory,
    ContactFactory,
    IndicatorFactory,
    MembershipFactory,
    NetworkFiguresFactory,
    ProgrammeFactory,
    ProjectFactory,
    SectorFactory,
    YearlyFiguresFactory,
)

# Playwright's sync API runs an event loop in this thread; the ORM calls in the tests are still synchronous.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 900}
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"


def chromium_path() -> str | None:
    found = shutil.which("chromium")
    if found:
        return found
    return "/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None


@pytest.fixture(scope="session")
def chromium():
    executable = chromium_path()
    if executable is None:
        message = "Debian chromium is not installed (apt-get install chromium); browser tests need it."
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def browser_context(chromium):
    context = chromium.new_context(viewport=DESKTOP, accept_downloads=True)
    yield context
    context.close()


@pytest.fixture
def tab(browser_context):
    page = browser_context.new_page()
    page.set_default_timeout(10_000)
    return page


@pytest.fixture
def screenshots_dir() -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS


@pytest.fixture
def directory(transactional_db):
    """A small but complete directory: network, sectors, clusters with figures, members, a programme."""
    Network.objects.create(
        name="Latvian Cluster Network",
        objective="To strengthen the competitiveness of Latvia's clusters and their members.",
        activities="Export promotion\nCluster management training\nJoint research projects",
    )
    NetworkFiguresFactory(
        year=2018,
        clusters_in_latvia=16,
        member_clusters=14,
        members=580,
        turnover_eur=1_762_000_000,
        export_eur=610_000_000,
        consultation_hours=28_711,
        export_growth_latvia_pct=Decimal("7.0"),
        export_growth_clusters_pct=Decimal("13.0"),
    )
    wood = SectorFactory(name="Wood and furniture", slug="wood")
    photonics = SectorFactory(name="Photonics", slug="photonics")
    food = SectorFactory(name="Food", slug="food")
    clusters = {
        "wood": ClusterFactory(name="Latvian Wood Cluster", slug="latvian-wood", sectors=[wood]),
        "photonics": ClusterFactory(name="Photonics Cluster", slug="photonics-cluster", sectors=[photonics]),
        "food": ClusterFactory(
            name="Food Products Cluster", slug="food-products", sectors=[food], lcn_member=False
        ),
    }
    for index, (key, cluster) in enumerate(clusters.items()):
        for year in (2016, 2017, 2018):
            YearlyFiguresFactory(
                cluster=cluster,
                year=year,
                members=20 + 5 * index + year - 2016,
                turnover_eur=(index + 1) * 50_000_000 + (year - 2016) * 5_000_000,
                export_eur=(3 - index) * 15_000_000 + (year - 2016) * 2_000_000,
            )
        for number in range(3):
            company = CompanyFactory(
                name=f"{key.title()} Company {number} SIA",
                sector=cluster.sectors.first(),
                category=Company.Category.SME,
            )
            MembershipFactory(cluster=cluster, company=company)
        ContactFactory(cluster=cluster, is_public=True, first_name="Anna", last_name=f"Manager {index}")
    MembershipFactory(
        cluster=clusters["photonics"], company=CompanyFactory(name="Baltic Lasers SIA", sector=photonics)
    )
    programme = ProgrammeFactory(
        name="Cluster programme 2016–2022", slug="cluster-programme", aim="Support clusters."
    )
    project = ProjectFactory(programme=programme, title="Wood cluster export project")
    project.clusters.add(clusters["wood"])
    IndicatorFactory(project=project, name="New export markets", achieved_value=Decimal("4"))
    return clusters
