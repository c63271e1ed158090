"""Search and sorting as Latvians expect (see clusters/names.py): accents, case and legal forms ignored,
Latvian alphabetical order.

PostgreSQL gets the ``unaccent`` extension, an ICU Latvian collation and the two SQL functions, with a
trigram index on each search key and a sort-order index for paging through companies. SQLite registers
the same functions in Python on every connection and needs nothing here.

The legal forms are copied, not imported, so that this migration stays what it was when it ran; a test
compares these functions with clusters.names on every run against PostgreSQL.
"""

from django.contrib.postgres.operations import CreateCollation, UnaccentExtension
from django.db import migrations

SEARCH_FORMS = "sia|as|a s|biedriba|nodibinajums|ik|ks|ps|zs|ss|se|ltd|ou|uab|gmbh"
SORT_FORMS = "sia|as|a/s|biedr[iīĪ]ba|nodibin[aāĀ]jums|ik|ks|ps|zs|ss|se|ltd|o[uüÜ]|uab|gmbh"
QUOTES = "\"''“”„«»‘’‚"  # the apostrophe doubled for SQL

FUNCTIONS = [
    rf"""
    CREATE OR REPLACE FUNCTION lcn_search_key(name text) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
      SELECT regexp_replace(regexp_replace(
        ' ' || btrim(regexp_replace(
          lower(public.unaccent('public.unaccent'::regdictionary, name)), '[^a-z0-9]+', ' ', 'g'
        )) || ' ',
        '^ ({SEARCH_FORMS}) ', ' '), ' ({SEARCH_FORMS}) $', ' ')
    $$
    """,
    rf"""
    CREATE OR REPLACE FUNCTION lcn_sort_name(name text) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
      SELECT btrim(translate(regexp_replace(regexp_replace(
        name, '^\s*({SORT_FORMS})\.?\s+(\S)', '\2', 'i'), '(\S),?\s+({SORT_FORMS})\.?\s*$', '\1', 'i'),
        '{QUOTES}', ''), ' ')
    $$
    """,
]
INDEXES = [
    "CREATE INDEX IF NOT EXISTS company_search_key_trgm ON clusters_company "
    "USING gin (lcn_search_key(name) gin_trgm_ops)",
    "CREATE INDEX IF NOT EXISTS cluster_search_key_trgm ON clusters_cluster "
    "USING gin (lcn_search_key(name) gin_trgm_ops)",
    # The public company list pages through companies in this order.
    'CREATE INDEX IF NOT EXISTS company_sort_name_id ON clusters_company ((lcn_sort_name(name)) COLLATE "lcn_latvian", id)',
]


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for sql in FUNCTIONS + INDEXES:
        schema_editor.execute(sql)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for index in ("company_search_key_trgm", "cluster_search_key_trgm", "company_sort_name_id"):
        schema_editor.execute(f"DROP INDEX IF EXISTS {index}")
    schema_editor.execute("DROP FUNCTION IF EXISTS lcn_search_key(text)")
    schema_editor.execute("DROP FUNCTION IF EXISTS lcn_sort_name(text)")


class Migration(migrations.Migration):
    dependencies = [
        ("clusters", "0006_network_address"),
    ]

    operations = [
        UnaccentExtension(),
        CreateCollation("lcn_latvian", provider="icu", locale="lv"),
        migrations.RunPython(create, drop),
    ]
