"""Paging without counting: for lists whose total would cost a full scan (100 000 companies)."""

from collections.abc import Sequence
from dataclasses import dataclass

from django.db.models import QuerySet
from django.http import Http404

# Beyond this page a list is not browsed but probed: 404 rather than an OFFSET the database cannot take.
MAX_PAGE = 100_000


@dataclass(frozen=True)
class UncountedPage:
    """One page of rows; it knows whether a next page exists but not how many pages there are.

    Its method names match Django's ``Page``, so the same pagination template serves both.
    """

    object_list: Sequence
    number: int
    has_next_rows: bool

    def __iter__(self):
        return iter(self.object_list)

    def has_previous(self) -> bool:
        return self.number > 1

    def has_next(self) -> bool:
        return self.has_next_rows

    def has_other_pages(self) -> bool:
        return self.has_previous() or self.has_next()

    def previous_page_number(self) -> int:
        return self.number - 1

    def next_page_number(self) -> int:
        return self.number + 1


def uncounted_page(queryset: QuerySet, page: str | None, per_page: int) -> UncountedPage:
    """The requested page (1 when the number is missing or invalid), fetching one row extra to learn
    whether another page follows. Raises Http404 beyond MAX_PAGE."""
    number = int(page) if page and page.isascii() and page.isdigit() and int(page) > 0 else 1
    if number > MAX_PAGE:
        raise Http404("No such page.")
    start = (number - 1) * per_page
    rows = list(queryset[start : start + per_page + 1])
    return UncountedPage(object_list=rows[:per_page], number=number, has_next_rows=len(rows) > per_page)
