"""The old path, for ``search_bench --baseline LEVER`` and ``browse_bench
--baseline LEVER``: the same pages with one of issue 15's levers taken out (or
both), timed in the same run as the pages with them.

The levers:
- ``tallies``: the counts kept on write (archive.search.tallies). Every total,
  index page and list size is counted from the articles and their links on each
  request, as the site did before migration 0022 (tests/devtools/test_baseline.py
  holds each recount equal to its tally), and a list without a search, which no
  longer knows its size (``Found.size``), is probed by reading up to 10,001 of its
  rows, then counted.
- ``indexes``: the indexes for oldest first (migration 0020) and for an outlet in
  date order (0021), dropped and built again afterwards (at a million articles
  ~15 s each, whatever stops the run but a kill; ``restore_indexes`` builds any
  that a killed run left missing, and every benchmark calls it first). Only a
  list in that order or in one outlet is timed as it was (``timed_as_before``):
  the planner switches a search sets (archive.search.plans) now assume the
  indexes, so other pages without them are slower than they ever were.

The page cache is the ``cached`` column of both commands; the exclusion walk
(matching.WithoutMatches) has no old path kept here (its SQL NOT over every vector
the date walk passed is in the README's figures of the time).
"""

import contextlib
import dataclasses
from collections.abc import Callable, Iterator
from unittest import mock

from django.db import connection

from archive.models import Article, ArticlePerson
from archive.search import listing, tallies

LEVER_INDEXES = ("article_date_oldest", "article_outlet_date")
LEVERS = ("tallies", "indexes")
DAY_OR_MONTH = tallies.DAY_OR_MONTH


def _rows(sql: str, params=()) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _count(sql: str, params=()) -> int:
    return int(_rows(sql, params)[0][0])


def _year_bounds(year: int) -> list[str]:
    return [f"{year:04d}-01-01", f"{year + 1:04d}-01-01"]


RECOUNTS: dict[str, Callable] = {
    "total": lambda: _count("SELECT count(*) FROM archive_article"),
    "undated": lambda: _count(
        "SELECT count(*) FROM archive_article WHERE date IS NULL"
    ),
    "year_counts": lambda: [
        (int(y), int(n))
        for y, n in _rows(
            "SELECT extract(year FROM date)::int, count(*) FROM archive_article"
            " WHERE date IS NOT NULL GROUP BY 1 ORDER BY 1 DESC"
        )
    ],
    "month_counts": lambda year: {
        int(m): int(n)
        for m, n in _rows(
            "SELECT extract(month FROM date)::int, count(*) FROM archive_article"
            " WHERE date >= %s AND date < %s AND date_precision = ANY(%s)"
            " GROUP BY 1",
            [*_year_bounds(year), DAY_OR_MONTH],
        )
    },
    "year_only": lambda year: _count(
        "SELECT count(*) FROM archive_article"
        " WHERE date >= %s AND date < %s AND date_precision = 'year'",
        _year_bounds(year),
    ),
    "months": lambda: {
        (int(y), int(m)): int(n)
        for y, m, n in _rows(
            "SELECT extract(year FROM date)::int, extract(month FROM date)::int,"
            " count(*) FROM archive_article"
            " WHERE date IS NOT NULL AND date_precision = ANY(%s) GROUP BY 1, 2",
            [DAY_OR_MONTH],
        )
    },
    "outlets": lambda: dict(
        _rows(
            "SELECT outlet_id, count(*) FROM archive_article"
            " WHERE outlet_id IS NOT NULL GROUP BY 1"
        )
    ),
    "people": lambda: {
        p: (int(speaks), int(named))
        for p, speaks, named in _rows(
            "SELECT person_id, count(*) FILTER (WHERE role = %s), count(*)"
            " FROM archive_articleperson GROUP BY 1",
            [ArticlePerson.Role.SPEAKER.value],
        )
    },
    "themes": lambda: dict(
        _rows("SELECT theme_id, count(*) FROM archive_articletheme GROUP BY 1")
    ),
    "articles_of": lambda kind, pk: _count(
        {
            "outlet": "SELECT count(*) FROM archive_article WHERE outlet_id = %s",
            "person": "SELECT count(*) FROM archive_articleperson WHERE person_id = %s",
            "theme": "SELECT count(*) FROM archive_articletheme WHERE theme_id = %s",
        }[kind],
        [pk],
    ),
}


@dataclasses.dataclass
class _Unsized(listing.Found):
    """A list that does not know its size: probed and counted, as before."""

    def __post_init__(self):
        self.size = None


@contextlib.contextmanager
def old_path(levers=LEVERS) -> Iterator[None]:
    """Inside: ``levers`` out (see the module's docstring). No transaction is held
    around the requests: inside one, the planner switches a view sets with SET
    LOCAL would outlive their own block and steer every later query of the
    request."""
    with contextlib.ExitStack() as stack:
        if "indexes" in levers:
            stack.enter_context(_without_indexes())
        if "tallies" in levers:
            for name, recount in RECOUNTS.items():
                stack.enter_context(mock.patch.object(tallies, name, recount))
            stack.enter_context(mock.patch.object(listing, "Found", _Unsized))
        yield


def add_baseline_argument(parser) -> None:
    """``--baseline LEVER`` (repeatable), for both benchmarks."""
    parser.add_argument(
        "--baseline",
        action="append",
        default=[],
        choices=LEVERS,
        help="also time each page without this lever of issue 15 (repeatable)",
    )


def timed_as_before(url: str, levers) -> bool:
    """Whether ``url`` without ``levers`` is the page as it was before them."""
    if "indexes" not in levers:
        return True
    return "sort=oldest" in url or "outlet=" in url or url.startswith("/outlets/")


def restore_indexes(write=print) -> None:
    """Build any of LEVER_INDEXES a killed ``--baseline indexes`` run left out."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname FROM pg_indexes WHERE tablename = 'archive_article'"
        )
        present = {name for (name,) in cursor.fetchall()}
    missing = [
        i for i in Article._meta.indexes if i.name in LEVER_INDEXES
        and i.name not in present
    ]  # fmt: skip
    with connection.schema_editor() as editor:
        for index in missing:
            write(f"building the missing index {index.name} (an interrupted run)")
            editor.add_index(Article, index)


@contextlib.contextmanager
def _without_indexes() -> Iterator[None]:
    """LEVER_INDEXES dropped, and built again afterwards whatever happens (at a
    million articles ~15 s each)."""
    dropped = [i for i in Article._meta.indexes if i.name in LEVER_INDEXES]
    with connection.schema_editor() as editor:
        for index in dropped:
            editor.remove_index(Article, index)
    try:
        yield
    finally:
        with connection.schema_editor() as editor:
            for index in dropped:
                editor.add_index(Article, index)
