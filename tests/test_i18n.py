"""The Latvian translation: complete, compiled, faithful to its placeholders, and served to visitors."""

import ast
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
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
def test_home_page_is_latvian_for_a_visitor_who_chose_latvian(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "lv"
    html = client.get(reverse("clusters:home")).content.decode()
    assert '<html lang="lv"' in html
    assert "Pāriet uz galveno saturu" in html
    assert "Latvijas Klasteru tīkls" in html
    assert "Skip to main content" not in html


@pytest.mark.django_db
def test_browser_language_picks_latvian(client):
    html = client.get(reverse("clusters:home"), headers={"accept-language": "lv"}).content.decode()
    assert '<html lang="lv"' in html
    assert "Latvijas Klasteru tīkls" in html


@pytest.mark.django_db
def test_language_switcher_switches_to_latvian_and_back(client):
    response = client.post(reverse("set_language"), {"language": "lv", "next": "/"})
    assert response.status_code == 302
    assert "Latvijas Klasteru tīkls" in client.get("/").content.decode()

    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    html = client.get("/").content.decode()
    assert '<html lang="en"' in html
    assert "Latvian Cluster Network" in html
