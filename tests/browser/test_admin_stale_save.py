"""Two members of staff open the same cluster in the admin: the second save is refused, the first kept."""

import pytest

from clusters.models import Cluster
from tests.factories import ClusterFactory, StaffFactory

pytestmark = pytest.mark.browser

STALE = "Someone else changed this record after you opened it"


def new_tab(browser_context):
    page = browser_context.new_page()
    page.set_default_timeout(10_000)
    return page


def test_the_second_of_two_admin_saves_is_refused(live_server, transactional_db, browser_context):
    StaffFactory(email="staff@example.lv")
    cluster = ClusterFactory(city="Riga")
    url = f"{live_server.url}/en/admin/clusters/cluster/{cluster.pk}/change/"
    first, second = new_tab(browser_context), new_tab(browser_context)  # one session, two tabs
    first.goto(live_server.url + "/en/admin/login/")
    first.get_by_label("Username").fill("staff@example.lv")
    first.get_by_label("Password").fill("correct horse battery")
    first.get_by_role("button", name="Log in").click()
    first.wait_for_url("**/admin/")
    first.goto(url)
    second.goto(url)

    first.get_by_label("City").fill("Valmiera")
    first.get_by_role("button", name="Save", exact=True).click()
    first.wait_for_url("**/clusters/cluster/")
    second.get_by_label("City").fill("Cēsis")
    second.get_by_role("button", name="Save", exact=True).click()

    second.wait_for_load_state("load")
    assert STALE in second.locator(".errornote, .errorlist.nonfield").all_inner_texts()[-1]
    assert second.get_by_label("City").input_value() == "Cēsis"  # the typed value stays to copy
    assert Cluster.objects.get(pk=cluster.pk).city == "Valmiera"
