"""The domain importers: yearly figures of clusters, member companies and contact persons.

Each declares its columns and how a row finds its records; the import engine (``imports``) reads the
file, checks every row and writes everything in one transaction with history, or nothing. Any problem
raises ``ImportFailed`` listing every error by spreadsheet row and column. Commands and admin views
only call these functions.
"""

from imports.files import Spreadsheet
from imports.report import ImportFailed, ImportReport, RowChange, RowError

from .clusters import import_clusters
from .contacts import import_contacts
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
