"""The admin on a phone (390 px): the front page and the Import page fit the screen; wide tables scroll
inside their own box and their headers keep whole words."""

import pytest

from clusters.models import Cluster, YearlyFigures
from portal.services import PORTAL_CHANGE_REASON
from tests.browser.conftest import PHONE
from tests.factories import ClusterFactory, StaffFactory, UserFactory, YearlyFiguresFactory

pytestmark = pytest.mark.browser

BROKEN_HEADERS = """() => [...document.querySelectorAll("#content-main th")]
    .filter((th) => th.offsetParent !== null)
    .filter((th) => {
        const range = document.createRange();
        range.selectNodeContents(th);
        const lines = new Set([...range.getClientRects()].map((rect) => Math.round(rect.top)));
        return th.textContent.trim().split(/\\s+/).length < lines.size;
    })
    .map((th) => th.textContent.trim())"""


@pytest.fixture
def dashboard_data(directory):
    """A correction waiting for review and changes saved through the portal, as the front page lists them."""
    manager = UserFactory(email="a.very.long.address.of.a.cluster.manager@example-cluster.lv")
    ClusterFactory(name="Latvijas Kokrūpniecības Federācijas Koksnes Produktu un Mēbeļu Ražotāju Klasteris")
    for cluster in Cluster.objects.all():
        YearlyFiguresFactory(
            cluster=cluster,
            year=2019,
            members=1_234,
            turnover_eur=1_234_567_890,
            export_eur=987_654_321,
            status=YearlyFigures.Status.SUBMITTED,
            submitted_by=manager,
        )
        cluster.description_en = "Changed through the portal"
        cluster._change_reason = PORTAL_CHANGE_REASON
        cluster._history_user = manager
        cluster.save()


@pytest.mark.parametrize("language", ["lv", "en"])
def test_the_admin_front_page_and_import_fit_a_phone(live_server, dashboard_data, chromium, language):
    StaffFactory(email="staff@example.lv", is_superuser=True)
    context = chromium.new_context(viewport=PHONE, locale=language)
    page = context.new_page()
    prefix = "" if language == "lv" else "/en"
    try:
        page.goto(f"{live_server.url}{prefix}/admin/login/")
        page.fill("#id_username", "staff@example.lv")
        page.fill("#id_password", "correct horse battery")
        page.click("input[type=submit]")
        page.wait_for_url(f"{live_server.url}{prefix}/admin/")
        assert page.locator(".figures-review").count() >= 3
        assert page.locator("#portal-dashboard .portal-changes-wrapper table tbody tr").count() >= 3

        widths = {}
        for path in ["/admin/", "/admin/clusters/company/import/"]:
            page.goto(f"{live_server.url}{prefix}{path}")
            widths[path] = page.evaluate("document.documentElement.scrollWidth")
            if path == "/admin/":
                assert page.evaluate(BROKEN_HEADERS) == []

        assert widths == dict.fromkeys(widths, PHONE["width"])
    finally:
        context.close()
