"""Names as people search and sort them: without accents, case or legal form.

"abelziedi" must find "SIA „Ābeļziedi”", "it" must find "Latvian IT Cluster" but not "Food Product
Quality", and "AS Latvijas Gāze" sorts under L, after "Ķekava" and before "Ļaudona" as in a Latvian
dictionary. Two SQL functions do the work inside the database, so that lists filter, rank and sort
there and PostgreSQL can index them:

- ``lcn_search_key(name)``: the words of the name, lower case, without diacritics and without a legal
  form, each preceded by a space (" abelziedi "). A word starts a search term's match where " term"
  occurs in it.
- ``lcn_sort_name(name)``: the name without its legal form and quotes, for ordering; PostgreSQL sorts it
  with the ICU Latvian collation, SQLite with ``latvian_sort_key``.

On PostgreSQL they are SQL functions over the ``unaccent`` extension (migration
``0007_latvian_search_and_sort``), indexed with trigrams and by sort order. SQLite has neither
extension: the same names are registered as deterministic Python functions on every connection
(``register_sqlite_functions``). The Python functions below are the reference both follow; a test
compares them with the database's.

Chosen over a stored normalised column kept by ``save()``: bulk imports, ``update()`` and data
migrations bypass ``save()`` and would leave it stale, silently hiding companies from searches.
"""

import re
import unicodedata

from django.db import models

# Legal forms of Latvian organisations (and a few foreign ones found among members), as they appear in
# a search key: lower case, without diacritics. Kept in sync with the SQL in the migration by a test.
LEGAL_FORMS = (
    "sia",
    "as",
    "a s",
    "biedriba",
    "nodibinajums",
    "ik",
    "ks",
    "ps",
    "zs",
    "ss",
    "se",
    "ltd",
    "ou",
    "uab",
    "gmbh",
)
# The same, as written in a name (any case, with diacritics), for sorting.
LEGAL_FORM_PATTERN = r"sia|as|a/s|biedr[iīĪ]ba|nodibin[aāĀ]jums|ik|ks|ps|zs|ss|se|ltd|o[uüÜ]|uab|gmbh"
QUOTES = "\"'“”„«»‘’‚"

_LEADING_FORM = re.compile(rf"^ ({'|'.join(LEGAL_FORMS)}) ")
_TRAILING_FORM = re.compile(rf" ({'|'.join(LEGAL_FORMS)}) $")
_NOT_A_WORD = re.compile(r"[^a-z0-9]+")
# Letters that unaccent replaces but Unicode does not decompose.
_UNACCENT_EXTRA = str.maketrans({"ß": "ss", "æ": "ae", "ø": "o", "ł": "l", "đ": "d", "œ": "oe", "ı": "i"})

_SORT_LEADING_FORM = re.compile(rf"^\s*({LEGAL_FORM_PATTERN})\.?\s+(\S)", re.IGNORECASE)
_SORT_TRAILING_FORM = re.compile(rf"(\S),?\s+({LEGAL_FORM_PATTERN})\.?\s*$", re.IGNORECASE)
_SORT_QUOTES = str.maketrans("", "", QUOTES)


def fold(text: str) -> str:
    """Lower case without diacritics: "Ābeļziedi" -> "abelziedi"."""
    decomposed = unicodedata.normalize("NFKD", text.lower().translate(_UNACCENT_EXTRA))
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def search_key(text: str | None) -> str | None:
    """The words of a name or search, folded, legal form dropped, each after a space:
    'SIA "Ābeļziedi"' -> " abelziedi ". Only a-z and 0-9 count as letters of a word."""
    if text is None:
        return None
    key = " " + " ".join(_NOT_A_WORD.sub(" ", fold(text)).split()) + " "
    key = _LEADING_FORM.sub(" ", key, count=1)
    return _TRAILING_FORM.sub(" ", key, count=1)


def sort_name(text: str | None) -> str | None:
    """A name as it is sorted: without its legal form and quotes ('AS "Latvijas Gāze"' -> "Latvijas Gāze")."""
    if text is None:
        return None
    name = _SORT_LEADING_FORM.sub(r"\2", text, count=1)
    name = _SORT_TRAILING_FORM.sub(r"\1", name, count=1)
    return name.translate(_SORT_QUOTES).strip(" ")


# Latvian alphabetical order as the ICU (CLDR) Latvian collation has it: č, ģ, ķ, ļ, ņ, š, ž are letters
# of their own after c, g, k, l, n, s, z; ā, ē, ī, ū differ from a, e, i, u only when all else is equal.
# y follows i as in CLDR's Latvian rules; q, w and x, not Latvian letters, keep their Latin places.
_PRIMARY = " 0123456789abcčdefgģhiyjkķlļmnņopqrsštuvwxzž"


def _primary_weight(char: str) -> str:
    base = char if char in "čģķļņšž" else fold(char)[:1] or char
    if base in _PRIMARY:
        return chr(0x100 + _PRIMARY.index(base))
    return chr(0x1000 + ord(base))


def latvian_sort_key(text: str | None) -> str | None:
    """A string whose plain (binary) order is the Latvian alphabetical order of `text`: letters first,
    then diacritics (a before ā), then case, as ICU's Latvian collation compares. SQLite only."""
    if text is None:
        return None
    letters = [char for char in text.lower() if char.isalnum() or char == " "]
    primary = "".join(_primary_weight(char) for char in letters)
    secondary = "".join(chr(0x100 + (char != fold(char))) for char in letters)
    tertiary = "".join(chr(0x100 + char.isupper()) for char in text if char.isalnum())
    return f"{primary}\x01{secondary}\x01{tertiary}\x01{text}"


class SearchKey(models.Func):
    """``lcn_search_key(expression)``: see the module docstring."""

    function = "lcn_search_key"
    output_field = models.TextField()


class SortName(models.Func):
    """A name in Latvian dictionary order, legal form and case ignored: order_by(SortName("name"), "pk")."""

    function = "lcn_sort_name"
    output_field = models.TextField()

    def as_postgresql(self, compiler, connection, **extra_context):
        sql, params = super().as_sql(compiler, connection, **extra_context)
        return f'{sql} COLLATE "lcn_latvian"', params

    def as_sqlite(self, compiler, connection, **extra_context):
        return super().as_sql(compiler, connection, function="lcn_sort_key", **extra_context)


def register_sqlite_functions(sender, connection, **kwargs) -> None:
    """Give every new SQLite connection the functions PostgreSQL gets from the migration
    (connected to ``connection_created`` in ``ClustersConfig.ready``)."""
    if connection.vendor != "sqlite":
        return
    connection.connection.create_function("lcn_search_key", 1, search_key, deterministic=True)
    connection.connection.create_function("lcn_sort_name", 1, sort_name, deterministic=True)
    connection.connection.create_function(
        "lcn_sort_key", 1, lambda text: latvian_sort_key(sort_name(text)), deterministic=True
    )
