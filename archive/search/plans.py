"""Bounded work for every list, however large the archive grows.

Reading an article's search vector is the dear part of a search: about 8 KB from
TOAST, some 25 µs each. A page may read a thousand or two of them, never all of a
common word's matches (PERFORMANCE-NOTES.md, issue 7):

- up to ``EXACT_LIMIT`` matches, their ids are read once from the GIN index and the
  count, facets and chart are exact;
- beyond that, the count is an estimate, shown as «نحو …», and facets describe
  the newest ``ESTIMATED_RANK_CAP`` matches, which are also the ones ranked;
- date order walks the date index only when matches are dense enough to find a page
  in a few rows; otherwise the GIN index gives the matches and they are sorted.
"""

import contextlib
import datetime
import json
import math
from collections.abc import Iterator

from django.db import connection, transaction
from django.db.models import QuerySet

from archive.search.query import ParsedQuery

EXACT_LIMIT = 10_000  # up to this many matches, counts and facets are exact
# Above this estimate not even the capped probe runs: a common word's estimate comes
# from the planner's statistics of its lexemes, a rarer word's from the index itself.
PROBE_UP_TO = EXACT_LIMIT * 3 // 2
# Below this estimate the GIN index counts the matches (a rarer word's estimate can
# be far off); above it the word is common and the planner's statistics hold it.
INDEX_COUNT_UP_TO = 100_000
RANK_CAP = 1_000  # beyond this many matches, only the newest are ranked
# Beyond EXACT_LIMIT matches (a list already counted approximately) the newest 500:
# each candidate's vector is read to find it and again to rank it, ~70 µs in all.
ESTIMATED_RANK_CAP = 500
# One row checked on the date index walk (its vector read from TOAST) costs about
# as much as this many matches read through the GIN bitmap (measured at 1M).
WALK_COST = 20
# The date window for the newest matches holds this many times the rows that the
# estimated share of matches says would be enough.
WINDOW_MARGIN = 2


# Enough memory for an exact bitmap of ~100,000 matches: a lossy one would make
# PostgreSQL recheck (read the vector of) every article on its pages.
BITMAP_WORK_MEM = "32MB"


@contextlib.contextmanager
def planner(**switches: bool) -> Iterator[None]:
    """Planner switches (``enable_bitmapscan=False``...) for the queries run inside,
    in a transaction of their own."""
    with transaction.atomic(), connection.cursor() as cursor:
        for name, on in switches.items():
            if not name.startswith("enable_"):
                raise ValueError(name)
            cursor.execute(f"SET LOCAL {name} = {'on' if on else 'off'}")
        if switches.get("enable_bitmapscan", True):
            cursor.execute(f"SET LOCAL work_mem = '{BITMAP_WORK_MEM}'")
        yield


def estimated_rows(queryset: QuerySet) -> int:
    """The planner's estimate of how many rows ``queryset`` returns (about 1 ms)."""
    plan = json.loads(queryset.order_by().values("pk").explain(format="json"))
    return int(plan[0]["Plan"]["Plan Rows"])


def table_rows() -> int:
    """Articles in the archive, from the statistics (exact enough to plan with)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT reltuples::bigint FROM pg_class"
            " WHERE oid = 'archive_article'::regclass"
        )
        rows = cursor.fetchone()[0]
    return max(rows, 1)


Row = tuple[int, int | None, "datetime.date | None", str]  # id, outlet, date, precision


def matching_rows(results: QuerySet, limit: int | None = None) -> list[Row] | None:
    """(id, outlet_id, date, date_precision) of every match, read once through the
    indexes (no vector is read), or None when there are more than ``limit``
    (``EXACT_LIMIT``). Count, facets, chart and date order all come from these."""
    limit = EXACT_LIMIT if limit is None else limit
    columns = ("pk", "outlet_id", "date", "date_precision")
    with planner(enable_seqscan=False, enable_indexscan=False):
        rows = list(results.order_by().values_list(*columns)[: limit + 1])
    return rows if len(rows) <= limit else None


def in_date_order(rows: list[Row], oldest: bool = False) -> list[int]:
    """The ids of ``rows`` newest first (or oldest first), undated last: the order
    of the list's date sorts."""
    dated = sorted((r for r in rows if r[2] is not None), key=lambda r: (r[2], r[0]))
    undated = sorted((r for r in rows if r[2] is None), key=lambda r: r[0])
    if oldest:
        return [r[0] for r in dated] + [r[0] for r in undated]
    return [r[0] for r in reversed(dated)] + [r[0] for r in reversed(undated)]


def walk_dates(
    matches: int,
    rows_wanted: int,
    searched: bool,
    recheck: bool,
    listed: int | None = None,
) -> bool:
    """Whether walking the date index (checking each article on the way) finds
    ``rows_wanted`` matches more cheaply than sorting all ``matches``. ``listed``:
    the rows of the list without the search (the whole archive by default), among
    which the walk looks.

    Both read vectors when the index must recheck its matches (a phrase): then the
    walk wins whenever it reads fewer rows."""
    if not searched:
        return True  # no vector to read: the planner's own choice is good
    listed = table_rows() if listed is None else listed
    checked = rows_wanted * listed / max(matches, 1)
    return checked * (1 if recheck else WALK_COST) < matches


def by_date(
    matches: int,
    rows_wanted: int,
    searched: bool,
    recheck: bool = False,
    listed: int | None = None,
) -> contextlib.AbstractContextManager:
    """The planner switches under which a list in date order is cheapest."""
    if walk_dates(matches, rows_wanted, searched, recheck, listed):
        return planner(enable_bitmapscan=not searched)
    return planner(enable_indexscan=False, enable_seqscan=False)


def needs_recheck(parsed: ParsedQuery | None) -> bool:
    """Whether the GIN index must recheck most matches of this query against their
    vectors: a phrase, a proximity or a field is only known from the vector. A
    word OR-ed with a phrase (روسيا | "russian federation") is settled by the index
    alone for every article that has the word."""
    if parsed is None:
        return False
    for group in parsed.groups:
        positive = [c for c in group if not c.negated]
        if positive and not any(_settled_by_index(c) for c in positive):
            return True
    return False


def _settled_by_index(clause) -> bool:
    """A single word, in any field: the index alone knows its articles. Proximity
    and phrases need positions, a field (title:) the weights, from the vector."""
    if clause.near or clause.where:
        return False
    return any(len(phrase) == 1 for phrase in (clause.tokens, *clause.alternatives))


def date_order_for(results: QuerySet, parsed: ParsedQuery | None, rows_wanted: int):
    """The plan for reading ``rows_wanted`` of ``results`` in date order
    (``parsed``: the search among them, or None for filters alone)."""
    if parsed is None:
        return by_date(0, rows_wanted, False)
    return by_date(estimated_rows(results), rows_wanted, True, needs_recheck(parsed))


def newest_ids(
    results: QuerySet,
    matches: int,
    searched: bool,
    cap: int,
    recheck: bool = False,
    listed: int | None = None,
) -> list[int]:
    """The newest ``cap`` of ``results`` (about ``matches`` of them, among
    ``listed`` rows without the search)."""
    newest = results.newest_first()
    walk = walk_dates(matches, cap, searched, recheck, listed)
    whole = table_rows()
    if searched and not walk and (listed is None or listed >= 0.9 * whole):
        # The GIN index gives the matches; a date window keeps the table rows read
        # for their dates to the newest ones (both indexes ANDed in one bitmap).
        # Only over the whole archive: the window is cut from its newest rows.
        floor = _date_floor(math.ceil(cap * WINDOW_MARGIN * whole / max(matches, 1)))
        if floor is not None:
            with planner(enable_indexscan=False, enable_seqscan=False):
                ids = list(
                    newest.filter(date__gte=floor).values_list("pk", flat=True)[:cap]
                )
            if len(ids) >= cap:
                return ids  # else the window was too narrow: read them all
    with by_date(matches, cap, searched, recheck, listed):
        return list(newest.values_list("pk", flat=True)[:cap])


def _date_floor(rows: int) -> "datetime.date | None":
    """The date of the ``rows``-th newest dated article (from the date index)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT date FROM archive_article WHERE date IS NOT NULL"
            " ORDER BY date DESC NULLS LAST LIMIT 1 OFFSET %s",
            [rows],
        )
        row = cursor.fetchone()
    return row[0] if row else None


def index_estimate(results: QuerySet, estimate: int, alone_estimate: int) -> int:
    """Matches counted by the GIN index itself: the size of its bitmap, read by
    EXPLAIN ANALYZE of a one-row query (the index is scanned, the table hardly;
    15 ms for 48,000 matches at 1M). The planner's own estimate of a less common
    word can be five times too low. Other filters scale it by their selectivity
    as the planner sees them (``estimate`` of the list, ``alone_estimate`` of the
    search alone)."""
    with planner(enable_seqscan=False, enable_indexscan=False):
        raw = (
            results.order_by()
            .values("pk")[:1]
            .explain(format="json", analyze=True, timing=False)
        )
    rows = _index_rows(json.loads(raw)[0]["Plan"])
    if rows is None:
        return estimate
    return round(rows * min(1.0, estimate / max(alone_estimate, 1)))


def _index_rows(node: dict) -> int | None:
    if node.get("Index Name") == "article_search_gin":
        return int(node["Actual Rows"])
    for child in node.get("Plans", []):
        found = _index_rows(child)
        if found is not None:
            return found
    return None


def approximate(n: int) -> str:
    """A large count in words, to two significant digits, for «نحو …».

    >>> [approximate(n) for n in (28_292, 812_400, 3_400, 1_250_000)]
    ['28 ألف', '810 ألف', '3 آلاف', '1.3 مليون']
    """
    rounded = _two_digits(n)
    if rounded >= 1_000_000:
        value = rounded / 1_000_000
        plural = 3 <= value <= 10 and value == int(value)
        return f"{value:g} {'ملايين' if plural else 'مليون'}"
    if rounded >= 1_000:
        thousands = rounded // 1000
        return f"{thousands} {'آلاف' if 3 <= thousands <= 10 else 'ألف'}"
    return str(rounded)


def _two_digits(n: int) -> int:
    """``n`` to two significant digits, halves rounded up."""
    if n < 100:
        return n
    scale = 10 ** (int(math.log10(n)) - 1)
    return (n + scale // 2) // scale * scale
