"""Facet counts over a set of article ids: outlet, speaker, theme and year.

The ids' rows are read once (outlet, date) and counted here; speakers and themes are
counted on their link tables; the months counted from the same read feed the coverage
chart.
"""

from collections import Counter

from django.db import connection

from archive.models import Outlet, Person, Theme
from archive.search.calendar import DAY_OR_MONTH

FACET_LIMIT = 15

_ROWS = "SELECT outlet_id, date, date_precision FROM archive_article WHERE id = ANY(%s)"
_LINKS = """
SELECT {key}, count(DISTINCT article_id) AS n FROM {table}
WHERE article_id = ANY(%s) {extra}
GROUP BY {key} ORDER BY n DESC LIMIT %s
"""


def summarize(
    ids: list[int], limit: int = FACET_LIMIT, rows: list[tuple] | None = None
) -> tuple[dict, Counter]:
    """(facets, articles per (year, month)) of the articles ``ids``; their rows
    (id, outlet_id, date, date_precision) when already read.

    Facets: ``{"outlet": [{"slug": "sana", "name": "سانا", "count": 3}, ...],
    "speaker": [...], "theme": [...], "year": [{"slug": "2025", "name": "2025",
    "count": 4}, ...]}``, each largest first (years newest first).
    """
    with connection.cursor() as cursor:
        if rows is None:
            cursor.execute(_ROWS, [ids])
            rows = cursor.fetchall()
        else:
            rows = [row[1:] for row in rows]
        speakers = _links(cursor, "archive_articleperson", "person_id", ids, limit,
                          "AND role = 'speaker'")  # fmt: skip
        themes = _links(cursor, "archive_articletheme", "theme_id", ids, limit)
        authors = _links(cursor, "archive_article_authors", "person_id", ids, limit)
    outlets = Counter(outlet for outlet, _, _ in rows if outlet is not None)
    years = Counter(date.year for _, date, _ in rows if date is not None)
    months = Counter(
        (date.year, date.month)
        for _, date, precision in rows
        if date is not None and precision in DAY_OR_MONTH
    )
    facets = {
        "outlet": _named(Outlet, outlets.most_common(), limit),
        "speaker": _named(Person, speakers, limit),
        "theme": _named(Theme, themes, limit),
        "author": _named(Person, authors, limit),
        "year": [
            {"slug": str(y), "name": str(y), "count": n}
            for y, n in sorted(years.items(), reverse=True)
        ],
    }
    return facets, months


def _links(cursor, table, key, ids, limit, extra="") -> list[tuple[int, int]]:
    cursor.execute(_LINKS.format(table=table, key=key, extra=extra), [ids, limit])
    return cursor.fetchall()


def _named(model, counts: list[tuple[int, int]], limit: int) -> list[dict]:
    """Rows for the ``limit`` largest counts, ties by name."""
    objects = model.objects.in_bulk([pk for pk, _ in counts])
    rows = [
        {"slug": objects[pk].slug, "name": objects[pk].name, "count": n}
        for pk, n in counts
        if pk in objects
    ]
    rows.sort(key=lambda r: (-r["count"], r["name"]))
    return rows[:limit]
