"""Protected e-mail links in a real browser: shown, named and read as the plain address."""

import pytest

pytestmark = pytest.mark.browser


def test_a_protected_address_reads_as_itself_and_names_its_link(live_server, directory, tab):
    tab.goto(live_server.url + "/clusters/latvian-wood/")
    address = "info@latvian-wood.example.lv"

    link = tab.get_by_role("link", name=address).first  # the accessible name screen readers announce

    assert link.inner_text() == address  # what a sighted reader sees, and copies
    assert link.get_attribute("href") == "/write/cluster/latvian-wood/"
    assert address not in tab.content()  # not in the page source as one string
    assert tab.locator('footer a[href$="/privacy/"]').is_visible()
