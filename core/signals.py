"""Signals of the site's plumbing that apps send and listen to without knowing each other."""

from django.db import transaction
from django.db.models import Model
from django.dispatch import Signal

# Sent with ``sender=<model class>`` after rows of that model were written without Django's per-row
# signals (``bulk_create``, ``bulk_update``, ``QuerySet.update``) and the transaction committed, so
# that what depends on the data (the public page cache) can follow, as it does for ``post_save``.
rows_written_in_bulk = Signal()


def announce_rows_written_in_bulk(model: type[Model]) -> None:
    """Send ``rows_written_in_bulk`` for `model` once the current transaction commits (at once outside one)."""
    transaction.on_commit(lambda: rows_written_in_bulk.send(sender=model))
