"""The Latvian translation: complete, compiled, faithful to its placeholders, and served to visitors."""

import ast
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import translation
from django.utils.translation import trans_real

PO_FILE = Path(settings.BASE_DIR) / "locale" / "lv" / "LC_MESSAGES" / "django.po"

# %(name)s and %(count)d, bare %s/%d, the escaped %%, and str.format fields such as {name}.
PLACEHOLDER = re.compile(r"%\([^)]+\)[sdif]|%[sdif]|%%|\{[A-Za-z_][A-Za-z0-9_]*\}")


def read_po(path: Path) -> list[dict]:
    """Entries of a .po file as dicts: msgctxt, msgid, msgid_plural, msgstr / msgstr[N], and flags.

    A deliberately tiny reader, enough for the files makemessages writes: the tests must not depend on
    a gettext library the project does not otherwise need.
    """
    entries, entry, key = [], None, None
    for line in path.read_text(encoding="utf-8").splitlines() + [""]:
        if not line.strip():
            if entry is not None:
                entries.append(entry)
            entry, key = None, None
            continue
        entry = {"flags": set()} if entry is None else entry
        if line.startswith("#,"):
            entry["flags"].update(flag.strip() for flag in line[2:].split(","))
        elif line.startswith("#~"):
            entry["obsolete"] = True
        elif line.startswith("#"):
            continue
        elif line.startswith('"'):
            entry[key] += ast.literal_eval(line)
        else:
            key, _, literal = line.partition(" ")
            entry[key] = ast.literal_eval(literal)
    return [entry for entry in entries if entry.get("msgid") and not entry.get("obsolete")]


def translations_of(entry: dict) -> list[tuple[str, str]]:
    """(source, translation) pairs: the singular form against msgid, the others against msgid_plural."""
    if "msgid_plural" not in entry:
        return [(entry["msgid"], entry["msgstr"])]
    forms = sorted(key for key in entry if key.startswith("msgstr["))
    return [(entry["msgid"] if form == "msgstr[0]" else entry["msgid_plural"], entry[form]) for form in forms]


ENTRIES = read_po(PO_FILE)


def test_the_catalogue_has_the_whole_ui():
    # A few hundred strings: an empty or truncated file must not pass the checks below vacuously.
    assert len(ENTRIES) > 300


def test_every_entry_is_translated_and_checked():
    # makemessages marks an entry fuzzy when its English changed; Django does not show fuzzy translations.
    fuzzy = [entry["msgid"] for entry in ENTRIES if "fuzzy" in entry["flags"]]
    untranslated = [
        entry["msgid"]
        for entry in ENTRIES
        if any(not text.strip() for _source, text in translations_of(entry))
    ]
    assert not fuzzy, fuzzy
    assert not untranslated, untranslated


def test_latvian_has_three_plural_forms():
    header = PO_FILE.read_text(encoding="utf-8")
    assert "Plural-Forms: nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n != 0 ? 1 : 2);" in header
    plural_entries = [entry for entry in ENTRIES if "msgid_plural" in entry]
    assert plural_entries
    assert all(len(translations_of(entry)) == 3 for entry in plural_entries)


def test_every_translation_keeps_the_placeholders():
    mismatched = [
        (source, text)
        for entry in ENTRIES
        for source, text in translations_of(entry)
        if sorted(PLACEHOLDER.findall(text)) != sorted(PLACEHOLDER.findall(source))
    ]
    assert not mismatched, mismatched


def test_compiled_catalogue_matches_the_po_file():
    # The .mo is what Django reads; a missing or stale one shows here as English or old Latvian.
    catalog = trans_real.translation("lv")._catalog
    stale = []
    for entry in ENTRIES:
        msgid = f"{entry['msgctxt']}\x04{entry['msgid']}" if "msgctxt" in entry else entry["msgid"]
        if "msgid_plural" in entry:
            compiled = [catalog.get((msgid, form)) for form in range(3)]
        else:
            compiled = [catalog.get(msgid)]
        if compiled != [text for _source, text in translations_of(entry)]:
            stale.append(entry["msgid"])
    assert not stale, f"recompile the messages (manage.py compilemessages): {stale[:5]}"


@pytest.mark.parametrize(
    ("english", "latvian"),
    [
        ("Clusters", "Klasteri"),
        ("Latvian Cluster Network", "Latvijas Klasteru tīkls"),
        ("Member companies and organisations", "Biedru uzņēmumi un organizācijas"),
        ("Turnover, EUR", "Apgrozījums, EUR"),
        ("registration number", "reģistrācijas numurs"),
        ("E.g. ERDF.", "Piemēram, ERAF."),
    ],
)
def test_key_strings_read_in_latvian(english, latvian):
    with translation.override("lv"):
        assert translation.gettext(english) == latvian


@pytest.mark.parametrize(
    ("count", "expected"),
    [
        (1, "Atrasts 1 klasteris"),
        (21, "Atrasts 21 klasteris"),
        (11, "Atrasti 11 klasteri"),
        (3, "Atrasti 3 klasteri"),
    ],
)
def test_plural_forms_follow_latvian_grammar(count, expected):
    with translation.override("lv"):
        text = translation.ngettext("%(counter)s cluster found", "%(counter)s clusters found", count)
    assert text % {"counter": count} == expected


@pytest.mark.django_db
def test_the_plain_address_is_latvian_and_en_is_english(client):
    html = client.get("/").content.decode()
    assert '<html lang="lv"' in html
    assert "Pāriet uz galveno saturu" in html
    assert "Latvijas Klasteru tīkls" in html
    assert "Skip to main content" not in html
    english = client.get("/en/").content.decode()
    assert '<html lang="en"' in english
    assert "Skip to main content" in english


@pytest.mark.django_db
def test_an_english_browser_still_gets_latvian_at_the_plain_address(client):
    # The address decides the language, so that links and search engines see one language per page.
    html = client.get("/", headers={"accept-language": "en"}).content.decode()
    assert '<html lang="lv"' in html
    assert "Latvijas Klasteru tīkls" in html


@pytest.mark.django_db
def test_the_switcher_links_to_the_same_page_and_the_choice_is_remembered(client):
    html = client.get("/clusters/?q=koks").content.decode()
    assert "<select" not in html.split('aria-label="Valoda"')[1].split("</ul>")[0]
    assert 'href="/language/en/?next=/en/clusters/%3Fq%3Dkoks" hreflang="en" lang="en">English</a>' in html
    assert '<span class="nav-link active" aria-current="true" lang="lv">Latviešu</span>' in html

    switched = client.get("/language/en/", {"next": "/en/clusters/?q=koks"})
    assert switched.status_code == 302
    assert switched["Location"] == "/en/clusters/?q=koks"
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"

    # Back at a plain (Latvian) address later, the visitor is sent to the English page they chose.
    again = client.get("/statistics/")
    assert again.status_code == 302
    assert again["Location"] == "/en/statistics/"

    client.get("/language/lv/", {"next": "/en/statistics/"})
    html = client.get("/statistics/").content.decode()
    assert '<html lang="lv"' in html


@pytest.mark.django_db
def test_the_switcher_never_leaves_the_site(client):
    response = client.get("/language/en/", {"next": "https://elsewhere.example/"})
    assert response["Location"] == "/en/"


@pytest.mark.django_db
def test_each_page_names_its_twin_in_the_other_language(client):
    html = client.get("/en/clusters/?page=1").content.decode()
    assert '<link rel="canonical" href="http://testserver/en/clusters/">' in html
    assert '<link rel="alternate" hreflang="lv" href="http://testserver/clusters/">' in html
    assert '<link rel="alternate" hreflang="en" href="http://testserver/en/clusters/">' in html
    assert '<link rel="alternate" hreflang="x-default" href="http://testserver/clusters/">' in html
    latvian = client.get("/clusters/").content.decode()
    assert '<link rel="canonical" href="http://testserver/clusters/">' in latvian


@pytest.mark.django_db
def test_the_sitemap_lists_both_languages(client):
    content = client.get("/sitemap-pages.xml").content.decode()
    assert "<loc>http://testserver/statistics/</loc>" in content
    assert "<loc>http://testserver/en/statistics/</loc>" in content
    assert 'hreflang="en" href="http://testserver/en/statistics/"' in content


def _extracted_catalogue(tmp_path: Path) -> Path:
    """The .po file makemessages writes today for a copy of the project (the committed one untouched)."""
    root = Path(settings.BASE_DIR)
    copy = tmp_path / "project"
    shutil.copytree(
        root,
        copy,
        ignore=shutil.ignore_patterns(
            ".*", "__pycache__", "tests", "bench", "staticfiles", "media", "*.sqlite3"
        ),
    )
    subprocess.run(  # noqa: S603 - our own interpreter and arguments
        [sys.executable, "manage.py", "makemessages", "--locale", "lv", "--no-obsolete", "--no-location"],
        cwd=copy,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "lcn.settings"},
        check=True,
        capture_output=True,
    )
    return copy / "locale" / "lv" / "LC_MESSAGES" / "django.po"


@pytest.mark.skipif(not shutil.which("xgettext"), reason="needs gettext (installed by .ci/run)")
def test_every_message_of_the_code_and_templates_has_a_latvian_translation(tmp_path):
    # What makemessages finds in the code and templates today, against the committed catalogue: a new
    # string without its Latvian translation fails here, whoever forgot to run makemessages.
    extracted = {(entry.get("msgctxt"), entry["msgid"]) for entry in read_po(_extracted_catalogue(tmp_path))}
    committed = {
        (entry.get("msgctxt"), entry["msgid"])
        for entry in ENTRIES
        if all(text.strip() for _source, text in translations_of(entry))
    }
    assert len(extracted) > 300
    missing = sorted(msgid for _context, msgid in extracted - committed)
    assert not missing, f"add these to locale/lv/LC_MESSAGES/django.po with a translation: {missing}"


@pytest.mark.skipif(not shutil.which("msgfmt"), reason="needs gettext (installed by .ci/run)")
def test_the_catalogue_compiles_cleanly_with_msgfmt():
    # --check: the header, plural forms and every format string agree with the msgids.
    result = subprocess.run(  # noqa: S603
        ["msgfmt", "--check", "--output-file", "/dev/null", str(PO_FILE)],  # noqa: S607
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
