"""Staff add a company straight into a cluster; a manager corrects a member's website. In chromium, on a
phone and on a desktop, in English and in Latvian."""

import pytest

from clusters.models import Company, Membership
from tests.browser.conftest import DESKTOP, PHONE
from tests.factories import ClusterFactory, MembershipFactory, SectorFactory, StaffFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "correct horse battery"


def log_in(page, base: str, email: str) -> None:
    page.goto(f"{base}/en/accounts/login/")
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.locator("main").get_by_role("button", name="Log in").click()
    page.wait_for_url(lambda url: "/login/" not in url)


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_staff_add_a_company_straight_into_a_cluster(live_server, chromium, viewport):
    cluster = ClusterFactory(name="Latvian IT Cluster")
    StaffFactory(email="staff@example.lv")
    context = chromium.new_context(viewport=viewport)
    try:
        page = context.new_page()
        page.set_default_timeout(10_000)
        log_in(page, live_server.url, "staff@example.lv")
        page.goto(f"{live_server.url}/en/admin/clusters/company/add/")
        page.get_by_label("Name:").fill("Tilde SIA")
        page.get_by_label("Registration number:").fill("LV 40003027416")
        page.get_by_label("Website:").fill("www.tilde.lv")
        # The cluster is chosen by typing, as with a thousand clusters.
        page.locator("#id_join_cluster").locator("xpath=..").locator(".select2-selection").click()
        page.locator(".select2-search__field").fill("IT Clu")
        page.locator(".select2-results__option", has_text="Latvian IT Cluster").click()
        page.get_by_label("Member since:").fill("2019-07-01")
        page.get_by_role("button", name="Save", exact=True).click()
        assert "was added successfully" in page.locator(".messagelist").inner_text()

        page.get_by_role("link", name="Tilde SIA").first.click()
        page.get_by_role("link", name="1 membership").click()
        page.wait_for_url("**/membership/**")
        assert "Latvian IT Cluster" in page.locator("#result_list").inner_text()
    finally:
        context.close()

    company = Company.objects.get(name="Tilde SIA")
    assert (company.registration_number, company.website) == ("40003027416", "https://www.tilde.lv")
    assert company.memberships.get().cluster == cluster


@pytest.mark.parametrize(
    ("viewport", "language"), [(DESKTOP, "en"), (PHONE, "lv")], ids=["desktop-en", "phone-lv"]
)
def test_a_manager_corrects_a_members_website(live_server, chromium, viewport, language):
    cluster = ClusterFactory(name="Wood Cluster")
    manager = UserFactory(email="manager@example.lv")
    cluster.managers.add(manager)
    SectorFactory(name="Forestry")
    membership = MembershipFactory(cluster=cluster, company__name="Koks SIA")
    for n in range(60):
        MembershipFactory(cluster=cluster, company__name=f"Zāģētava {n:02d} SIA")
    context = chromium.new_context(viewport=viewport, locale=language)
    try:
        page = context.new_page()
        page.set_default_timeout(10_000)
        # The address chooses the language: Latvian at the plain one, English under /en/.
        prefix = "/en" if language == "en" else ""
        page.goto(f"{live_server.url}{prefix}/accounts/login/")
        email_label, password_label = ("E-mail", "Password") if language == "en" else ("E-pasts", "Parole")
        page.get_by_label(email_label).fill("manager@example.lv")
        page.get_by_label(password_label).fill(PASSWORD)
        page.locator("main form button[type=submit]").click()
        assert page.get_by_role("heading", name="Wood Cluster").is_visible()  # one cluster: straight there

        page.goto(f"{live_server.url}{prefix}/portal/{cluster.slug}/members/?search=koks")
        page.locator(f'a[href$="/members/company/{membership.company_id}/"]').click()
        page.locator("#id_website").fill("www.koks.lv")
        page.locator("#id_sector").select_option(label="Forestry")
        page.locator("main form button[type=submit]").click()
        assert "Koks SIA" in page.get_by_role("status").inner_text()
        assert page.locator(".pagination").count() == 1  # 61 members: paged
    finally:
        context.close()

    company = Company.objects.get(pk=membership.company_id)
    assert company.website == "https://www.koks.lv"
    assert company.sector.name == "Forestry"
    assert Membership.objects.filter(cluster=cluster).count() == 61
