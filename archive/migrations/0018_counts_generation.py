"""A generation number for the cached counts, in the database: every statement that
writes an article, its links, or the registries moves it on, whatever process made
the write (an import, the admin, a restore), so no worker shows stale counts.

A sequence, not a row: nextval() takes no lock and survives a rollback, so writers
never wait on each other (a rolled-back write only costs a recount)."""

from django.db import migrations

TABLES = [
    "archive_article",
    "archive_article_authors",
    "archive_articleperson",
    "archive_articletheme",
    "archive_quote",
    "archive_outlet",
    "archive_person",
    "archive_theme",
]

FORWARD = [
    "CREATE SEQUENCE archive_counts_generation",
    """
    CREATE FUNCTION archive_bump_counts_generation() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
        PERFORM nextval('archive_counts_generation');
        RETURN NULL;
    END $$
    """,
    *(
        f"CREATE TRIGGER {table}_counts_generation"
        f" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON {table}"
        " FOR EACH STATEMENT EXECUTE FUNCTION archive_bump_counts_generation()"
        for table in TABLES
    ),
]
BACKWARD = [
    *(f"DROP TRIGGER {table}_counts_generation ON {table}" for table in TABLES),
    "DROP FUNCTION archive_bump_counts_generation()",
    "DROP SEQUENCE archive_counts_generation",
]


class Migration(migrations.Migration):
    dependencies = [("archive", "0017_registry_of_people")]
    operations = [
        migrations.RunSQL(sql=FORWARD, reverse_sql=BACKWARD),
    ]
