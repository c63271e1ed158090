"""No template relies on what the strict Content-Security-Policy blocks: inline styles, inline
scripts, event-handler attributes. A browser would silently ignore them (a page that looks or works
differently from what its author saw in development), so they are caught here, in every template.

E-mail templates are exempt: no policy applies to a message, and mail programs ignore style sheets.
"""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib import admin
from django.urls import NoReverseMatch, reverse
from django.utils import translation

from tests.factories import ContactFactory, MembershipFactory, UserFactory, YearlyFiguresFactory

ROOT = Path(settings.BASE_DIR)
TEMPLATE_DIRS = [ROOT / "templates", *sorted(ROOT.glob("*/templates"))]
TAG = re.compile(r"<(?P<name>[a-zA-Z][\w:-]*)(?P<attrs>(?:[^>\"']|\"[^\"]*\"|'[^']*')*)>", re.DOTALL)
INLINE_STYLE = re.compile(r"(?:^|\s)style\s*=", re.IGNORECASE)
EVENT_HANDLER = re.compile(r"(?:^|\s)on[a-z]+\s*=", re.IGNORECASE)
SCRIPT_SOURCE = re.compile(r"(?:^|\s)src\s*=", re.IGNORECASE)
# A script of data (structured data for search engines, json_script) is never run, so never blocked.
DATA_SCRIPT = re.compile(r"""(?:^|\s)type\s*=\s*["']?application/(?:ld\+)?json""", re.IGNORECASE)


def is_email(path: Path) -> bool:
    return "email" in path.parent.name or path.stem.endswith("_email")


def page_templates() -> list[Path]:
    found = []
    for directory in TEMPLATE_DIRS:
        found.extend(
            path
            for path in directory.rglob("*")
            if path.suffix in {".html", ".svg"} and path.is_file() and not is_email(path)
        )
    return sorted(found)


def blocked_by_the_policy(text: str) -> list[str]:
    """Each tag the policy would block, as found in `text`."""
    return [tag.group(0) for tag in TAG.finditer(text) if _is_blocked(tag["name"].lower(), tag["attrs"])]


def _is_blocked(name: str, attrs: str) -> bool:
    if INLINE_STYLE.search(attrs) or EVENT_HANDLER.search(attrs):
        return True
    if name == "script":
        return not SCRIPT_SOURCE.search(attrs) and not DATA_SCRIPT.search(attrs)
    return name == "style"


@pytest.mark.parametrize(
    ("text", "blocked"),
    [
        ('<td style="text-align: right;">1</td>', True),
        ('<button onclick="go()">Go</button>', True),
        ("<body onload='init()'>", True),
        ("<script>alert(1)</script>", True),
        ("<style>p { color: red }</style>", True),
        ('<script src="/static/app.js" defer></script>', False),
        ('<script type="application/ld+json">{"@type": "Organization"}</script>', False),
        ('<script id="data" type="application/json">{}</script>', False),
        ('<script type="text/javascript">go()</script>', True),
        ('<td class="number" data-onset="x">1</td>', False),
        ('<a href="/?style=1">one</a>', False),
    ],
)
def test_the_check_tells_blocked_markup_from_allowed(text, blocked):
    assert bool(blocked_by_the_policy(text)) is blocked


def test_there_are_templates_to_check():
    names = {path.name for path in page_templates()}
    assert {"base.html", "dashboard.html"} <= names


@pytest.mark.parametrize("path", page_templates(), ids=lambda path: str(path.relative_to(ROOT)))
def test_no_template_uses_inline_style_script_or_event_handlers(path):
    assert blocked_by_the_policy(path.read_text(encoding="utf-8")) == []


# Templates of the libraries are not in the project's directories; what they render is checked in the
# pages themselves: every admin page of every registered model, with a row to show.
ADMIN_VIEWS = ["changelist", "add", "change", "history", "delete", "export", "import"]


def rendered_admin_urls() -> list[str]:
    urls = []
    for model in admin.site._registry:
        prefix = f"admin:{model._meta.app_label}_{model._meta.model_name}"
        obj = model._default_manager.first()
        for view in ADMIN_VIEWS:
            args = [obj.pk] if view in {"change", "history", "delete"} and obj is not None else []
            try:
                urls.append(reverse(f"{prefix}_{view}", args=args))
            except NoReverseMatch:  # the model has no such page, or no row to show
                continue
    return urls


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["lv", "en"])
def test_no_rendered_admin_page_uses_inline_style_script_or_event_handlers(client, language):
    membership = MembershipFactory()
    YearlyFiguresFactory(cluster=membership.cluster)
    ContactFactory(cluster=membership.cluster)
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    client.raise_request_exception = False  # read-only pages answer 403 to add, change or delete

    with translation.override(language):
        urls = rendered_admin_urls()
        pages = {url: client.get(url) for url in urls}

    assert {"/admin/clusters/company/export/", "/en/admin/clusters/company/export/"} & set(pages)
    assert all(response.status_code in {200, 403} for response in pages.values())
    blocked = {url: blocked_by_the_policy(response.text) for url, response in pages.items()}
    assert {url: tags for url, tags in blocked.items() if tags} == {}
