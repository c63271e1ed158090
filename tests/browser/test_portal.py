"""The cluster portal in a real browser: the invitation-to-publication story, with axe checks."""

import re

import pytest
from django.core import mail

from clusters.models import YearlyFigures
from tests.factories import ClusterFactory, StaffFactory

PASSWORD = "Vidzeme forests 2026"

pytestmark = pytest.mark.browser


def log_in(page, base: str, username: str, password: str) -> None:
    page.goto(f"{base}/en/accounts/login/")
    page.get_by_label("E-mail").fill(username)
    page.get_by_label("Password").fill(password)
    page.locator("main").get_by_role("button", name="Log in").click()


def run_admin_action(page, row_name: str | re.Pattern, action: str) -> None:
    """Tick a changelist row and run an action on it, as staff do."""
    page.get_by_role("checkbox", name=row_name).check()
    page.get_by_role("combobox", name="Action:").select_option(action)
    page.get_by_role("button", name="Go", exact=True).click()


def assert_accessible(page) -> None:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, context="main")
    assert results.violations_count == 0, results.generate_report()


@pytest.mark.django_db(transaction=True)
def test_a_manager_is_invited_and_keeps_the_cluster_current_in_a_browser(live_server, chromium, settings):
    settings.SITE_URL = live_server.url + "/"  # the configured address the invitation's links use
    cluster = ClusterFactory(name="Latvian Food Cluster")
    StaffFactory(email="staff@example.lv")
    base = live_server.url
    # One browser context per person, so that their sessions stay apart.
    staff_context, manager_context, visitor_context = (chromium.new_context() for _ in range(3))
    try:
        staff = staff_context.new_page()
        log_in(staff, base, "staff@example.lv", "correct horse battery")
        staff.goto(f"{base}/en/admin/clusters/cluster/")
        run_admin_action(staff, re.compile("Latvian Food Cluster"), "invite_manager")
        staff.get_by_label("E-mail address").fill("daina@example.lv")
        staff.get_by_label("Language of the e-mail").select_option("en")
        staff.get_by_role("button", name="Send the invitation").click()
        assert "was invited" in staff.locator(".messagelist").inner_text()

        [invitation] = mail.outbox
        link = re.search(r"https?://\S+/accounts/reset/\S+/", invitation.body).group(0)
        manager = manager_context.new_page()
        manager.goto(link)
        manager.locator("#id_new_password1").fill(PASSWORD)
        manager.locator("#id_new_password2").fill(PASSWORD)
        manager.get_by_role("button", name="Set password").click()
        # Logged in at once, and with one cluster straight into it.
        assert "Your password was set and you are logged in." in manager.get_by_role("status").inner_text()
        assert manager.get_by_role("heading", name="Latvian Food Cluster").is_visible()
        assert_accessible(manager)
        manager.get_by_role("link", name="Profile").click()
        manager.get_by_label("Description in English").fill("Food producers of Latvia, from farm to export.")
        manager.get_by_label("Phone").fill("not a number")
        manager.get_by_role("button", name="Save").click()
        assert "Enter a valid phone number" in manager.locator("#error_1_id_phone").inner_text()
        assert_accessible(manager)
        manager.get_by_label("Phone").fill("+371 67 000 000")
        manager.get_by_role("button", name="Save").click()
        assert "saved" in manager.get_by_role("status").inner_text()

        manager.get_by_role("link", name="Yearly figures").click()
        manager.get_by_label("Number of members").fill("48")
        manager.get_by_label("Turnover, EUR").fill("250000000")
        manager.get_by_label("Export, EUR").fill("90000000")
        manager.get_by_role("button", name="Submit for review").click()
        assert "Submitted" in manager.locator("table").inner_text()
        assert_accessible(manager)

        staff.goto(f"{base}/en/admin/")
        staff.get_by_role("link", name="Review them").click()
        run_admin_action(staff, re.compile("Latvian Food Cluster"), "approve_figures")
        assert "1 approved" in staff.locator(".messagelist").inner_text()

        public = visitor_context.new_page()
        public.goto(f"{base}/en/clusters/{cluster.slug}/")
        page_text = public.locator("main").inner_text()
    finally:
        for context in (staff_context, manager_context, visitor_context):
            context.close()

    assert "Food producers of Latvia, from farm to export." in page_text
    assert "250,000,000" in page_text
    assert YearlyFigures.objects.approved().filter(cluster=cluster, members=48).exists()
