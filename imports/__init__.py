"""The spreadsheet import engine; it knows no model of the project (its own jobs aside).

Here live reading files (.xlsx, .csv, .tsv: encodings, sheets, hostile files), cleaning cells, the
column declarations, the row, error and report types, the plan every importer follows (read, match,
diff, collect errors, write with history in one transaction), the admin's upload-preview-confirm
flow, and the background jobs staff follow in the admin: confirmed imports (``jobs``) and Excel
exports too large to build during a request (``exports``), both run by the task worker. It imports Django and libraries only; the domain importers (``clusters.importers``) import it,
never the other way round.
"""
