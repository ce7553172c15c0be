"""Counts of articles per person and role, and per theme, kept by the database on
every write to the link tables (archive.search.tallies), as migration 0022 keeps the
date and outlet counts: the speaker and theme indexes read a few thousand rows instead
of counting every link."""

from django.db import migrations

TABLES = {
    # link table: (tally table, its key columns, their SQL types)
    "archive_articleperson": (
        "archive_person_tally",
        ("person_id", "role"),
        ("integer", "varchar(10)"),
    ),
    "archive_articletheme": ("archive_theme_tally", ("theme_id",), ("integer",)),
}
EVENTS = ("insert", "delete", "update", "truncate")


def upsert(tally: str, keys: tuple[str, ...], *sources: tuple[str, int]) -> str:
    columns = ", ".join(keys)
    rows = " UNION ALL ".join(
        f"SELECT {columns}, {sign} AS d FROM {table}" for table, sign in sources
    )
    positions = ", ".join(str(i + 1) for i in range(len(keys)))
    return f"""
    INSERT INTO {tally} AS t ({columns}, articles)
    SELECT {columns}, sum(d) FROM ({rows}) AS c
    GROUP BY {positions} HAVING sum(d) <> 0 ORDER BY {positions}
    ON CONFLICT ({columns}) DO UPDATE SET articles = t.articles + excluded.articles;
    """


def forward() -> list[str]:
    statements = []
    for link, (tally, keys, types) in TABLES.items():
        columns = ", ".join(f"{k} {t} NOT NULL" for k, t in zip(keys, types, strict=True))
        statements.append(
            f"CREATE TABLE {tally} ({columns}, articles bigint NOT NULL,"
            f" PRIMARY KEY ({', '.join(keys)}))"
        )
        bodies = {
            "insert": upsert(tally, keys, ("new_rows", 1)),
            "delete": upsert(tally, keys, ("old_rows", -1)),
            "update": upsert(tally, keys, ("old_rows", -1), ("new_rows", 1)),
            "truncate": f"DELETE FROM {tally};",
        }
        transitions = {
            "insert": " REFERENCING NEW TABLE AS new_rows",
            "delete": " REFERENCING OLD TABLE AS old_rows",
            "update": " REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows",
            "truncate": "",
        }
        for event in EVENTS:
            statements.append(
                f"CREATE FUNCTION {tally}_{event}() RETURNS trigger"
                f" LANGUAGE plpgsql AS $$ BEGIN {bodies[event]} RETURN NULL; END $$"
            )
            statements.append(
                f"CREATE TRIGGER {tally}_{event} AFTER {event.upper()} ON {link}"
                f"{transitions[event]}"
                f" FOR EACH STATEMENT EXECUTE FUNCTION {tally}_{event}()"
            )
        statements.append(upsert(tally, keys, (link, 1)))
        statements.append(f"ANALYZE {tally}")
    return statements


def backward() -> list[str]:
    statements = []
    for link, (tally, _, _) in TABLES.items():
        for event in EVENTS:
            statements.append(f"DROP TRIGGER {tally}_{event} ON {link}")
            statements.append(f"DROP FUNCTION {tally}_{event}()")
        statements.append(f"DROP TABLE {tally}")
    return statements


class Migration(migrations.Migration):
    dependencies = [("archive", "0022_article_tally")]
    operations = [migrations.RunSQL(sql=forward(), reverse_sql=backward())]
