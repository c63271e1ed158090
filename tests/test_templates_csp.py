"""No template relies on what the strict Content-Security-Policy blocks: inline styles, inline
scripts, event-handler attributes. A browser would silently ignore them (a page that looks or works
differently from what its author saw in development), so they are caught here, in every template.

E-mail templates are exempt: no policy applies to a message, and mail programs ignore style sheets.
"""

import re
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
TEMPLATE_DIRS = [ROOT / "templates", *sorted(ROOT.glob("*/templates"))]
TAG = re.compile(r"<(?P<name>[a-zA-Z][\w:-]*)(?P<attrs>(?:[^>\"']|\"[^\"]*\"|'[^']*')*)>", re.DOTALL)
INLINE_STYLE = re.compile(r"(?:^|\s)style\s*=", re.IGNORECASE)
EVENT_HANDLER = re.compile(r"(?:^|\s)on[a-z]+\s*=", re.IGNORECASE)
SCRIPT_SOURCE = re.compile(r"(?:^|\s)src\s*=", re.IGNORECASE)


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
    return name == "style" or (name == "script" and not SCRIPT_SOURCE.search(attrs))


@pytest.mark.parametrize(
    ("text", "blocked"),
    [
        ('<td style="text-align: right;">1</td>', True),
        ('<button onclick="go()">Go</button>', True),
        ("<body onload='init()'>", True),
        ("<script>alert(1)</script>", True),
        ("<style>p { color: red }</style>", True),
        ('<script src="/static/app.js" defer></script>', False),
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
