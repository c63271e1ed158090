"""Paging without counting, numbered for the first pages and by keyset beyond them.

For lists whose total would cost a full scan (100 000 companies) and whose deep pages would cost an
OFFSET through every row before them. ``?page=1`` to ``?page=NUMBERED_PAGES`` are read with OFFSET
(cheap that close to the start); every page also carries cursors, and from the last numbered page on
"Next" is ``?after=<cursor>``, "Previous" ``?before=<cursor>``: the rows after (before) the cursor's
row in the list's own order, read from the sort index like the first page, whatever the depth.

A cursor is the sort key of a row: the values of the queryset's ``order_by`` expressions (e.g. the
Latvian sort name and the id), JSON in URL-safe base64. It is exact, as the id ends every ordering, and
needs no row to exist any more. A cursor that does not decode to values of the right types answers
404, as does a page number beyond the numbered ones.

Written here rather than taken from django-cursor-pagination (the maintained one on PyPI): it orders by
field names only, not by expressions such as the collated sort name, and adds ``OR … IS NULL`` to
every comparison, which keeps PostgreSQL from reading the sort index from the cursor on.
"""

import base64
import binascii
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property, reduce
from operator import or_

from django.core.paginator import Paginator
from django.db import models
from django.db.models import F, Q, QuerySet
from django.db.models.expressions import OrderBy
from django.http import Http404

# Pages reached by number; beyond them a list is paged by cursor.
NUMBERED_PAGES = 20
MAX_CURSOR_LENGTH = 1000
_KEY = "_keyset_{}"
_INTEGER_TYPES = {"AutoField", "BigAutoField", "IntegerField", "BigIntegerField", "SmallIntegerField"}
_INTEGER_LIMIT = 2**63


@dataclass(frozen=True)
class UncountedPage:
    """One page of rows; it knows whether rows come before and after it but not how many pages there are.

    Its method names match Django's ``Page``, so the same pagination template serves both. ``number`` is
    None on a page reached by cursor. ``next_cursor``/``previous_cursor`` are set when the next
    (previous) page is to be reached by cursor rather than by number.
    """

    object_list: Sequence
    number: int | None
    has_next_rows: bool
    has_previous_rows: bool
    next_cursor: str | None = None
    previous_cursor: str | None = None

    def __iter__(self):
        return iter(self.object_list)

    def __len__(self) -> int:
        return len(self.object_list)

    def has_previous(self) -> bool:
        return self.has_previous_rows

    def has_next(self) -> bool:
        return self.has_next_rows

    def has_other_pages(self) -> bool:
        # A page reached by cursor always offers the way back to the first.
        return self.number is None or self.has_previous() or self.has_next()

    def previous_page_number(self) -> int | None:
        return self.number - 1 if self.number else None

    def next_page_number(self) -> int | None:
        return self.number + 1 if self.number else None


def uncounted_page(queryset: QuerySet, params: Mapping[str, str], per_page: int) -> UncountedPage:
    """The page that ``params`` (the request's GET) asks for: ``after``/``before`` a cursor, else
    ``page`` (1 when missing or not a number), fetching one row extra to learn whether more follow.

    The queryset must be ordered, ascending, by expressions that end in a unique one (the id).
    Raises Http404 for a page number beyond NUMBERED_PAGES or a cursor that is not one of this list.
    """
    if queryset.query.is_empty():  # .none(): a refused filter
        return UncountedPage(object_list=[], number=1, has_next_rows=False, has_previous_rows=False)
    keys = _order_keys(queryset)
    ordered = queryset.annotate(**{_KEY.format(i): key for i, key in enumerate(keys)}).order_by(
        *(_KEY.format(i) for i in range(len(keys)))
    )
    if params.get("after") or params.get("before"):
        return _page_by_cursor(ordered, params, per_page, len(keys))
    raw = params.get("page")
    number = int(raw) if raw and raw.isascii() and raw.isdigit() and int(raw) > 0 else 1
    if number > NUMBERED_PAGES:
        raise Http404("Pages beyond the numbered ones are reached with the Next link.")
    start = (number - 1) * per_page
    rows = list(ordered[start : start + per_page + 1])
    has_next = len(rows) > per_page
    rows = rows[:per_page]
    return UncountedPage(
        object_list=rows,
        number=number,
        has_next_rows=has_next,
        has_previous_rows=number > 1,
        next_cursor=_cursor(rows[-1], len(keys)) if has_next and number == NUMBERED_PAGES else None,
    )


def _page_by_cursor(ordered: QuerySet, params: Mapping[str, str], per_page: int, width: int) -> UncountedPage:
    backwards = not params.get("after")
    values = decode_cursor(params.get("before" if backwards else "after", ""), _key_types(ordered, width))
    if backwards:
        ordered = ordered.reverse()
    rows = list(ordered.filter(_beyond(values, backwards=backwards))[: per_page + 1])
    more = len(rows) > per_page
    rows = rows[:per_page]
    if backwards:
        rows.reverse()
    # Going forwards, rows exist before the cursor's row; going backwards, after it.
    has_previous, has_next = (more, True) if backwards else (True, more)
    return UncountedPage(
        object_list=rows,
        number=None,
        has_next_rows=has_next and bool(rows),
        has_previous_rows=has_previous and bool(rows),  # no row, no cursor to go back from
        next_cursor=_cursor(rows[-1], width) if rows else None,
        previous_cursor=_cursor(rows[0], width) if rows else None,
    )


def _order_keys(queryset: QuerySet) -> list:
    """The queryset's ordering as expressions; ValueError when it is not ascending or not unique."""
    keys = []
    for item in queryset.query.order_by:
        if isinstance(item, str):
            if item.startswith("-"):
                raise ValueError(f"Keyset paging needs an ascending order, not {item!r}.")
            keys.append(F(item))
        elif isinstance(item, OrderBy):
            if item.descending:
                raise ValueError("Keyset paging needs an ascending order.")
            keys.append(item.expression)
        else:
            keys.append(item)
    if not keys or not (isinstance(keys[-1], F) and keys[-1].name in {"pk", "id"}):
        raise ValueError("Keyset paging needs an order that ends with the primary key.")
    return keys


def _key_types(ordered: QuerySet, width: int) -> list[type]:
    annotations = ordered.query.annotations
    return [
        int if annotations[_KEY.format(i)].output_field.get_internal_type() in _INTEGER_TYPES else str
        for i in range(width)
    ]


def _beyond(values: list, *, backwards: bool) -> Q:
    """Rows after (before) the key ``values``: ``k0 >= v0 AND (k0 > v0 OR k0 = v0 AND k1 > v1 OR …)``.

    The first condition on its own lets PostgreSQL start reading the sort index at the cursor."""
    strict, loose = ("lt", "lte") if backwards else ("gt", "gte")
    alternatives = []
    for i, value in enumerate(values):
        equal = {_KEY.format(j): values[j] for j in range(i)}
        alternatives.append(Q(**equal, **{f"{_KEY.format(i)}__{strict}": value}))
    return Q(**{f"{_KEY.format(0)}__{loose}": values[0]}) & reduce(or_, alternatives)


def _cursor(row: models.Model, width: int) -> str:
    return encode_cursor([getattr(row, _KEY.format(i)) for i in range(width)])


def encode_cursor(values: list) -> str:
    """The cursor of a row whose ordering expressions have ``values`` (as the database returns them)."""
    text = json.dumps(values, ensure_ascii=False, separators=(",", ":"))
    return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")


def decode_cursor(cursor: str, types: list[type]) -> list:
    """The key values in ``cursor``, checked against ``types`` (int or str, one per ordering
    expression); Http404 for anything else, so that no tampered cursor reaches the database."""
    if len(cursor) > MAX_CURSOR_LENGTH:
        raise Http404("No such page.")
    try:
        values = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode())
    except (binascii.Error, ValueError):
        raise Http404("No such page.") from None
    if not isinstance(values, list) or len(values) != len(types) or not all(map(_fits, values, types)):
        raise Http404("No such page.")
    return values


def _fits(value, expected: type) -> bool:
    if expected is int:
        return type(value) is int and -_INTEGER_LIMIT < value < _INTEGER_LIMIT
    return type(value) is str and "\x00" not in value


class CappedCountPaginator(Paginator):
    """Django's paginator, counting no further than ``count_cap`` + 1 rows.

    For the admin's lists of companies and memberships: an exact count of a filtered list (members of
    network clusters: 60 000 of 100 000 companies) reads every matching row on every page view, while
    nobody pages through more than a hundred pages of a hundred (the pages end there: search or filter
    to reach further rows). ``capped`` tells the templates to say
    "more than 10 000" rather than the number counted (``templates/admin/``).
    """

    count_cap = 10_000

    @cached_property
    def count(self) -> int:
        # Only the ids: no ordering, no annotations (a search's rank) in the counted subquery.
        return self.object_list.order_by().values("pk")[: self.count_cap + 1].count()

    @property
    def capped(self) -> bool:
        return self.count > self.count_cap

    def page(self, number):
        """Django's page, except that the last page counted is a full page when the count was capped
        (Django would cut it at the row counted last)."""
        page = super().page(number)
        if self.capped:
            bottom = (page.number - 1) * self.per_page
            page.object_list = self.object_list[bottom : bottom + self.per_page]
        return page
