"""Spreadsheet import: yearly figures of clusters, member companies and contact persons.

Each importer reads the whole file, checks every row and only then writes everything in one
transaction, with history. Any problem raises ``ImportFailed`` listing every error by spreadsheet
row and column, and nothing is written. Commands and admin views only call these functions.
"""

from .base import ImportFailed, ImportReport, RowChange, RowError
from .clusters import import_clusters
from .contacts import import_contacts
from .files import Spreadsheet
from .members import import_members

__all__ = [
    "ImportFailed",
    "ImportReport",
    "RowChange",
    "RowError",
    "Spreadsheet",
    "import_clusters",
    "import_contacts",
    "import_members",
]
