"""The whole archive's counts by year, month and date precision
(``archive_article_tally``) and by outlet (``archive_outlet_tally``), which the
database keeps on every write (migration 0022): a few hundred rows, where counting the
articles themselves took up to a second at a million. Only for the whole archive; a
filtered list counts its own rows (archive.search.listing)."""

from django.db import connection

from archive.dates import DatePrecision
from archive.models import ArticlePerson

DAY_OR_MONTH = [DatePrecision.DAY.value, DatePrecision.MONTH.value]


def _rows(sql: str, params=()) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def total() -> int:
    """Articles in the archive."""
    return int(
        _rows("SELECT coalesce(sum(articles), 0) FROM archive_article_tally")[0][0]
    )


def undated() -> int:
    sql = "SELECT coalesce(sum(articles), 0) FROM archive_article_tally WHERE year = 0"
    return int(_rows(sql)[0][0])


def year_counts() -> list[tuple[int, int]]:
    """[(year, articles dated within it at any precision)], newest first."""
    rows = _rows(
        "SELECT year, sum(articles) FROM archive_article_tally WHERE year > 0"
        " GROUP BY year HAVING sum(articles) > 0 ORDER BY year DESC"
    )
    return [(y, int(n)) for y, n in rows]


def month_counts(year: int) -> dict[int, int]:
    """{month: articles dated to that month or a day in it} for one year."""
    rows = _rows(
        "SELECT month, sum(articles) FROM archive_article_tally"
        " WHERE year = %s AND date_precision = ANY(%s)"
        " GROUP BY month HAVING sum(articles) > 0",
        [year, DAY_OR_MONTH],
    )
    return {m: int(n) for m, n in rows}


def year_only(year: int) -> int:
    """Articles known only to ``year``."""
    rows = _rows(
        "SELECT coalesce(sum(articles), 0) FROM archive_article_tally"
        " WHERE year = %s AND date_precision = %s",
        [year, DatePrecision.YEAR.value],
    )
    return int(rows[0][0])


def months() -> dict[tuple[int, int], int]:
    """{(year, month): articles dated to that month or a day in it}."""
    rows = _rows(
        "SELECT year, month, sum(articles) FROM archive_article_tally"
        " WHERE year > 0 AND date_precision = ANY(%s)"
        " GROUP BY year, month HAVING sum(articles) > 0",
        [DAY_OR_MONTH],
    )
    return {(y, m): int(n) for y, m, n in rows}


def outlets() -> dict[int, int]:
    """{outlet id: articles}."""
    rows = _rows(
        "SELECT outlet_id, articles FROM archive_outlet_tally WHERE articles > 0"
    )
    return {o: int(n) for o, n in rows}


def people() -> dict[int, tuple[int, int]]:
    """{person id: (articles quoting them as a speaker, articles naming them)}."""
    rows = _rows(
        "SELECT person_id, sum(articles) FILTER (WHERE role = %s), sum(articles)"
        " FROM archive_person_tally GROUP BY person_id HAVING sum(articles) > 0",
        [ArticlePerson.Role.SPEAKER.value],
    )
    return {p: (int(speaks or 0), int(named)) for p, speaks, named in rows}


def themes() -> dict[int, int]:
    """{theme id: articles}."""
    rows = _rows(
        "SELECT theme_id, articles FROM archive_theme_tally WHERE articles > 0"
    )
    return {t: int(n) for t, n in rows}


def articles_of(kind: str, pk: int) -> int:
    """Articles of one outlet, person or theme (``kind``), as its page lists them."""
    table, column = {
        "outlet": ("archive_outlet_tally", "outlet_id"),
        "person": ("archive_person_tally", "person_id"),
        "theme": ("archive_theme_tally", "theme_id"),
    }[kind]
    sql = f"SELECT coalesce(sum(articles), 0) FROM {table} WHERE {column} = %s"
    return int(_rows(sql, [pk])[0][0])
