"""Counts of articles per year, month and date precision, and per outlet, kept by the
database on every write (archive.search.tallies): the index pages, the date index and a
year's months read a few hundred rows instead of counting a million articles.

Statement triggers with transition tables: an import of one article adds one to one
row; a bulk statement adds its rows grouped; an UPDATE adds only what changed between
the old and the new rows (a rebuild of the search vectors changes no count). Each
statement touches its rows in key order, so two writers wait for each other rather
than deadlock. Counts live in the writer's transaction: a rolled-back import leaves
none behind.
"""

from django.db import migrations

DATE_KEY = """coalesce(extract(year FROM date)::int, 0) AS year,
    CASE WHEN date IS NOT NULL AND date_precision IN ('day', 'month')
         THEN extract(month FROM date)::int ELSE 0 END AS month,
    date_precision"""

# Two small tables rather than one of outlet x month (95,000 rows at a million
# generated articles, too many to sum for a page): dates, and outlets.
UPSERTS = """
    INSERT INTO archive_article_tally AS t (year, month, date_precision, articles)
    SELECT year, month, date_precision, sum(d) FROM (
        {date_rows}
    ) AS c
    GROUP BY 1, 2, 3 HAVING sum(d) <> 0 ORDER BY 1, 2, 3
    ON CONFLICT (year, month, date_precision)
    DO UPDATE SET articles = t.articles + excluded.articles;
    INSERT INTO archive_outlet_tally AS t (outlet_id, articles)
    SELECT outlet_id, sum(d) FROM (
        {outlet_rows}
    ) AS c
    GROUP BY 1 HAVING sum(d) <> 0 ORDER BY 1
    ON CONFLICT (outlet_id) DO UPDATE SET articles = t.articles + excluded.articles;
"""


def upserts(*sources: tuple[str, int]) -> str:
    """The two upserts for rows of ``sources`` ((table, +1 or -1), ...)."""
    date_rows = " UNION ALL ".join(
        f"SELECT {DATE_KEY}, {sign} AS d FROM {table}" for table, sign in sources
    )
    outlet_rows = " UNION ALL ".join(
        f"SELECT outlet_id, {sign} AS d FROM {table} WHERE outlet_id IS NOT NULL"
        for table, sign in sources
    )
    return UPSERTS.format(date_rows=date_rows, outlet_rows=outlet_rows)


def function(name: str, body: str) -> str:
    return f"""
    CREATE FUNCTION archive_tally_{name}() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        {body}
        RETURN NULL;
    END $$
    """


FORWARD = [
    """
    CREATE TABLE archive_article_tally (
        year integer NOT NULL,  -- 0: undated
        month integer NOT NULL,  -- 0: known only to the year, or undated
        date_precision varchar(10) NOT NULL,
        articles bigint NOT NULL,
        PRIMARY KEY (year, month, date_precision)
    )
    """,
    """
    CREATE TABLE archive_outlet_tally (
        outlet_id integer PRIMARY KEY,
        articles bigint NOT NULL
    )
    """,
    function("insert", upserts(("new_rows", 1))),
    function("delete", upserts(("old_rows", -1))),
    function("update", upserts(("old_rows", -1), ("new_rows", 1))),
    function(
        "truncate",
        "DELETE FROM archive_article_tally; DELETE FROM archive_outlet_tally;",
    ),
    "CREATE TRIGGER archive_article_tally_insert AFTER INSERT ON archive_article"
    " REFERENCING NEW TABLE AS new_rows"
    " FOR EACH STATEMENT EXECUTE FUNCTION archive_tally_insert()",
    "CREATE TRIGGER archive_article_tally_delete AFTER DELETE ON archive_article"
    " REFERENCING OLD TABLE AS old_rows"
    " FOR EACH STATEMENT EXECUTE FUNCTION archive_tally_delete()",
    "CREATE TRIGGER archive_article_tally_update AFTER UPDATE ON archive_article"
    " REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows"
    " FOR EACH STATEMENT EXECUTE FUNCTION archive_tally_update()",
    "CREATE TRIGGER archive_article_tally_truncate AFTER TRUNCATE ON archive_article"
    " FOR EACH STATEMENT EXECUTE FUNCTION archive_tally_truncate()",
    upserts(("archive_article", 1)),
    "ANALYZE archive_article_tally",
    "ANALYZE archive_outlet_tally",
]

BACKWARD = [
    *(
        f"DROP TRIGGER archive_article_tally_{event} ON archive_article"
        for event in ("insert", "delete", "update", "truncate")
    ),
    *(
        f"DROP FUNCTION archive_tally_{event}()"
        for event in ("insert", "delete", "update", "truncate")
    ),
    "DROP TABLE archive_article_tally",
    "DROP TABLE archive_outlet_tally",
]


class Migration(migrations.Migration):
    dependencies = [("archive", "0021_article_outlet_date")]
    operations = [migrations.RunSQL(sql=FORWARD, reverse_sql=BACKWARD)]
