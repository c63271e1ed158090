"""Dependency audit that works offline: the advisories of the Python Packaging Advisory Database
for the packages pinned in ``constraints.txt``, kept as a committed snapshot
(``pypa-advisories.json``), and the check of the pins against it (``python -m security.audit``).
``python -m security.refresh`` rebuilds the snapshot from a clone of the database."""
