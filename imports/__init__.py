"""The spreadsheet import engine; it knows no model of the project.

Here live reading files (.xlsx, .csv, .tsv: encodings, sheets, hostile files), cleaning cells, the
column declarations, the row, error and report types, the plan every importer follows (read, match,
diff, collect errors, write with history in one transaction) and the admin's upload-preview-confirm
flow. It imports Django and libraries only; the domain importers (``clusters.importers``) import it,
never the other way round.
"""
